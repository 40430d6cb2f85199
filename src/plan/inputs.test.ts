import { describe, expect, it } from 'vitest';
import { inputsFromFlags } from './inputs.js';
import { parseConfig } from '../config/load.js';

describe('fix inputs', () => {
  it('parses the flags', () => {
    expect(inputsFromFlags({ alarmEmail: 'ops@example.com', securityContact: 'Sec Team, sec@example.com, +1 555 0100', budgetUsd: '250', trailBucket: 'my-trail-logs', allowCidr: '203.0.113.0/24' })).toEqual({
      alarmEmail: 'ops@example.com',
      securityContact: { name: 'Sec Team', email: 'sec@example.com', phone: '+1 555 0100' },
      budgetUsd: 250,
      trailBucket: 'my-trail-logs',
      allowCidr: '203.0.113.0/24',
    });
    expect(inputsFromFlags({})).toEqual({});
  });

  it.each([
    [{ alarmEmail: 'not-an-address' }, /--alarm-email must be an e-mail address/],
    [{ securityContact: 'only,two' }, /"NAME,EMAIL,PHONE"/],
    [{ securityContact: 'Sec,sec@example.com,call me' }, /--security-contact must be a phone number/],
    [{ budgetUsd: '-5' }, /--budget-usd/],
    [{ trailBucket: 'Bad_Bucket' }, /--trail-bucket must be a valid S3 bucket name/],
    [{ allowCidr: '0.0.0.0/0' }, /--allow-cidr must be a CIDR block .*not 0.0.0.0\/0/],
    [{ allowCidr: '10.0.0.1' }, /--allow-cidr must be a CIDR block/],
  ])('refuses %o with a one-line reason', (flags, message) => {
    expect(() => inputsFromFlags(flags)).toThrow(message);
  });

  it('reads the same keys from the config file', () => {
    const config = parseConfig('fix:\n  alarmEmail: ops@example.com\n  budgetUsd: 100\n  allowCidr: 2001:db8::/32\n', 'bulwark.config.yaml');
    expect(config.fix).toEqual({ alarmEmail: 'ops@example.com', budgetUsd: 100, allowCidr: '2001:db8::/32' });
    expect(() => parseConfig('fix:\n  alarmEmail: nope\n', 'bulwark.config.yaml')).toThrow(/alarmEmail/);
  });
});
