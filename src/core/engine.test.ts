import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defineCheck, fail, pass } from './check.js';
import { evaluate } from './engine.js';
import { findingId } from './finding.js';
import { collected } from './fact.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Ec2SecurityGroup } from '../inventory/schema.js';
import { accessDenied, NOW, securityGroup, withSecurityGroups } from '../testing/builders.js';

const probe = defineCheck<Ec2SecurityGroup>({
  id: 'ec2-probe-check',
  title: 'Probe',
  service: 'ec2',
  severity: 'low',
  checklist: ['AS-33'],
  rationale: 'test',
  remediation: { text: 'none', url: 'https://example.com' },
  needs: ['ec2.securityGroups'],
  resources: (inventory) => [{ region: 'eu-west-1', items: inventory.ec2.securityGroups?.['eu-west-1'] ?? accessDenied('ec2:DescribeSecurityGroups') }],
  describe: (group) => ({ id: group.groupId, type: 'AwsEc2SecurityGroup', name: group.groupName }),
  evaluate: (group) => {
    if (group.groupId === 'sg-boom') throw new Error('unexpected rule shape');
    return group.inbound.length ? fail('has rules') : pass('has no rules');
  },
});

describe('evaluate', () => {
  it('turns a check that throws into ERROR on that resource only', () => {
    const inventory = withSecurityGroups({ 'eu-west-1': collected([securityGroup('sg-boom'), securityGroup('sg-ok')]) });
    const findings = evaluate([probe], inventory, { now: NOW, config: DEFAULT_CONFIG });
    expect(findings.map((f) => [f.status, f.resource.id, f.message])).toEqual([
      ['ERROR', 'sg-boom', 'the check failed on sg-boom-name: unexpected rule shape'],
      ['PASS', 'sg-ok', 'has no rules'],
    ]);
  });

  it('never turns a denied read into PASS or FAIL', () => {
    const findings = evaluate([probe], withSecurityGroups({ 'eu-west-1': accessDenied('ec2:DescribeSecurityGroups') }), { now: NOW, config: DEFAULT_CONFIG });
    expect(findings.map((f) => f.status)).toEqual(['UNKNOWN']);
    expect(findings[0]?.notCollected?.permission).toBe('ec2:DescribeSecurityGroups');
  });
});

describe('findingId', () => {
  it('depends on check, account, region and resource only', () => {
    const resource = { id: 'sg-1', type: 'AwsEc2SecurityGroup', region: 'eu-west-1', account: '123456789012' };
    expect(findingId('c', resource)).toBe(findingId('c', { ...resource, name: 'renamed' }));
    expect(findingId('c', resource)).not.toBe(findingId('c', { ...resource, region: 'us-east-1' }));
    expect(findingId('c', resource)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('is the first 12 bytes of the SHA-256 of check, account, region and resource id, in hex', () => {
    const resource = { id: 'arn:aws:iam::123456789012:user/ünï', type: 'AwsIamUser', region: 'global', account: '123456789012' };
    expect(findingId('iam-check', resource)).toBe(createHash('sha256').update('iam-check|123456789012|global|arn:aws:iam::123456789012:user/ünï').digest('hex').slice(0, 24));
  });
});
