import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suspectsFromAlerts } from './suspects.js';

const report = (alerts: unknown[]) => {
  const path = join(mkdtempSync(join(tmpdir(), 'bulwark-suspects-')), 'alerts.json');
  writeFileSync(path, JSON.stringify({ alerts }));
  return path;
};

describe('suspectsFromAlerts', () => {
  it('takes the actors of alerts at medium or above, and the earliest of them as the start', async () => {
    const path = report([
      { level: 'high', title: 'Access key for another user', firstTime: '2026-11-20T10:00:00Z', actor: { principal: 'arn:aws:iam::123456789012:user/deploy', accessKeyId: 'AKIAEXAMPLESUSPECT01' } },
      { level: 'medium', title: 'Console sign-in without MFA', firstTime: '2026-11-20T09:30:00Z', actor: { principal: 'arn:aws:iam::123456789012:user/bob' } },
      { level: 'low', title: 'Quota request', firstTime: '2026-11-19T00:00:00Z', actor: { principal: 'arn:aws:iam::123456789012:user/ops' } },
    ]);
    expect(await suspectsFromAlerts(path)).toEqual({ accessKeys: ['AKIAEXAMPLESUSPECT01'], principals: ['arn:aws:iam::123456789012:user/bob', 'arn:aws:iam::123456789012:user/deploy'], earliest: '2026-11-20T09:30:00Z' });
  });

  it('names the principals of a correlation over several users without making them suspects', async () => {
    const sprayed = ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::123456789012:user/carol'];
    const path = report([{ level: 'high', title: 'Password spraying', firstTime: '2026-11-20T08:00:00Z', actor: { principal: 'several principals (2)', principals: sprayed, sourceIp: '203.0.113.9' } }]);
    expect(await suspectsFromAlerts(path)).toEqual({ accessKeys: [], principals: [], earliest: '2026-11-20T08:00:00Z', several: [{ title: 'Password spraying', principals: sprayed }] });
  });
});
