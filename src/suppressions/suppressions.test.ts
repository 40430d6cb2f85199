import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { applySuppressions, suppressionNeeds } from './apply.js';
import { parseSuppressions } from './load.js';

function finding(checkId: string, resourceId: string, extra: Partial<Finding> = {}, tags?: Record<string, string>): Finding {
  return {
    id: `${checkId}|${resourceId}`,
    checkId,
    title: 't',
    service: checkId.split('-')[0]!,
    severity: 'high',
    checklist: ['AS-20'],
    status: 'FAIL',
    message: 'm',
    resource: { id: resourceId, type: 'AwsS3Bucket', region: 'eu-west-1', account: '123456789012', ...(tags ? { tags } : {}) },
    remediation: { text: 'fix', url: 'https://example.com' },
    ...extra,
  };
}

const FILE = `suppressions:
  - check: s3-bucket-*
    resource: arn:aws:s3:::public-site-*
    reason: static website, public by design
  - resource: /^arn:aws:iam::\\d+:user/ci-.*$/
    reason: CI users are rotated by the pipeline
    expires: 2026-12-31
  - check: ec2-*
    tags: { Environment: dev* }
    reason: dev sandboxes
  - check: kms-*
    reason: old entry
    expires: 2026-01-01
  - check: rds-snapshot-not-public
    reason: nothing matches this any more
`;

describe('parseSuppressions', () => {
  it('reads entries with the line each starts on', () => {
    const rules = parseSuppressions(FILE, 's.yaml');
    expect(rules.map((r) => r.rule)).toEqual(['s.yaml:2', 's.yaml:5', 's.yaml:8', 's.yaml:11', 's.yaml:14']);
    expect(rules[1]!.pattern?.test('arn:aws:iam::123456789012:user/ci-deploy')).toBe(true);
  });

  it('matches a regular expression the same way every time, whatever its flags', () => {
    const [rule] = parseSuppressions('suppressions:\n  - resource: /^arn:aws:s3:::web-/gi\n    reason: r\n', 's.yaml');
    const web = [finding('s3-bucket-not-public', 'arn:aws:s3:::WEB-1'), finding('s3-bucket-not-public', 'arn:aws:s3:::web-2'), finding('s3-bucket-not-public', 'arn:aws:s3:::web-3')];
    expect(applySuppressions(web, [rule!], '2026-11-23').findings.map((f) => f.status)).toEqual(['SUPPRESSED', 'SUPPRESSED', 'SUPPRESSED']);
  });

  it.each([
    ['an entry without a reason', 'suppressions:\n  - check: s3-*\n', /^suppressions s\.yaml:2: suppressions\.0\.reason: /],
    ['an entry that matches everything', 'suppressions:\n  - reason: lazy\n', /^suppressions s\.yaml:2: suppressions\.0: name a check, a resource or tags/],
    ['a bad date', 'suppressions:\n  - check: a\n    reason: r\n    expires: next year\n', /s\.yaml:4: suppressions\.0\.expires: must be a date such as 2027-01-31/],
    ['an unknown field', 'suppressions:\n  - check: a\n    reason: r\n    owner: me\n', /s\.yaml:2: suppressions\.0: Unrecognized key: "owner"/],
    ['a broken regular expression', 'suppressions:\n  - resource: /([/\n    reason: r\n', /^suppressions s\.yaml:2: resource: not a valid regular expression/],
    ['broken YAML', 'suppressions: [\n', /^suppressions s\.yaml:\d+ is not valid YAML/],
  ])('rejects %s in one line', (_name, text, message) => {
    expect(() => parseSuppressions(text, 's.yaml')).toThrow(message);
  });
});

describe('applySuppressions', () => {
  const rules = parseSuppressions(FILE, 's.yaml');
  const findings = [
    finding('s3-bucket-not-public', 'arn:aws:s3:::public-site-www'),
    finding('s3-bucket-not-public', 'arn:aws:s3:::payroll'),
    finding('iam-user-access-keys-rotated', 'arn:aws:iam::123456789012:user/ci-deploy', { status: 'UNKNOWN' }),
    finding('ec2-instance-ami-current', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-1', {}, { Environment: 'dev-eu' }),
    finding('ec2-instance-ami-current', 'arn:aws:ec2:eu-west-1:123456789012:instance/i-2', {}, { Environment: 'prod' }),
    finding('kms-key-rotation-enabled', 'arn:aws:kms:eu-west-1:123456789012:key/k'),
    finding('s3-bucket-not-public', 'arn:aws:s3:::public-site-docs', { status: 'PASS' }),
  ];
  const { findings: out, uses } = applySuppressions(findings, rules, '2026-11-23');

  it('suppresses matching failures and unknowns with the reason, keeping the verdict', () => {
    expect(out.map((f) => f.status)).toEqual(['SUPPRESSED', 'FAIL', 'SUPPRESSED', 'SUPPRESSED', 'FAIL', 'FAIL', 'PASS']);
    expect(out[0]!.suppression).toEqual({ status: 'FAIL', reason: 'static website, public by design', rule: 's.yaml:2' });
    expect(out[2]!.suppression).toMatchObject({ status: 'UNKNOWN', expires: '2026-12-31' });
  });

  it('reports each entry as active, expired (still counting what it would hide) or stale', () => {
    expect(uses.map((u) => [u.rule, u.state, u.findings])).toEqual([
      ['s.yaml:2', 'active', 1],
      ['s.yaml:5', 'active', 1],
      ['s.yaml:8', 'active', 1],
      ['s.yaml:11', 'expired', 1],
      ['s.yaml:14', 'stale', 0],
    ]);
  });

  it('applies an entry through its expiry day and not after', () => {
    const ci = [findings[2]!];
    expect(applySuppressions(ci, rules, '2026-12-31').findings[0]!.status).toBe('SUPPRESSED');
    expect(applySuppressions(ci, rules, '2027-01-01').findings[0]!.status).toBe('UNKNOWN');
  });

  it('lets a live entry suppress what an earlier expired entry also matches', () => {
    const both = parseSuppressions('suppressions:\n  - check: kms-*\n    reason: old\n    expires: 2020-01-01\n  - check: kms-key-*\n    reason: new\n', 's.yaml');
    const result = applySuppressions([findings[5]!], both, '2026-11-23');
    expect(result.findings[0]!.suppression?.reason).toBe('new');
    expect(result.uses.map((u) => u.state)).toEqual(['expired', 'active']);
  });
});

describe('suppressionNeeds', () => {
  const s3 = { id: 's3-bucket-not-public', service: 's3' };
  const ec2 = { id: 'ec2-instance-ami-current', service: 'ec2' };
  const rules = (text: string) => parseSuppressions(`suppressions:\n${text}`, 's.yaml');

  it('asks for bucket tags only when a tag entry can apply to a selected S3 check', () => {
    expect(suppressionNeeds(rules('  - tags: { Environment: sandbox }\n    reason: r\n'), [s3, ec2])).toEqual(['s3.bucketTags']);
    expect(suppressionNeeds(rules('  - check: s3-*\n    tags: { Environment: sandbox }\n    reason: r\n'), [s3])).toEqual(['s3.bucketTags']);
    expect(suppressionNeeds(rules('  - check: ec2-*\n    tags: { Environment: sandbox }\n    reason: r\n'), [s3, ec2])).toEqual([]);
    expect(suppressionNeeds(rules('  - tags: { Environment: sandbox }\n    reason: r\n'), [ec2])).toEqual([]);
    expect(suppressionNeeds(rules('  - check: s3-*\n    reason: r\n'), [s3])).toEqual([]);
  });
});

describe('hostile suppressions', () => {
  const bucket = `arn:aws:s3:::${'a'.repeat(60)}-x`;
  it('runs a catastrophic regular expression in linear time', () => {
    // With a backtracking engine, /(a+)+$/ against 60 a's and a dash never finishes.
    const rules = parseSuppressions('suppressions:\n  - resource: /(a+)+$/\n    reason: r\n  - resource: /(a|aa)*b/\n    reason: r\n', 's.yaml');
    const { findings } = applySuppressions([finding('s3-bucket-not-public', bucket)], rules, '2026-11-23');
    expect(findings[0]!.status).toBe('FAIL');
  });
  it('matches a glob of many stars against a long name', () => {
    const rules = parseSuppressions(`suppressions:\n  - resource: "${'*a'.repeat(30)}*b"\n    reason: r\n`, 's.yaml');
    expect(applySuppressions([finding('s3-bucket-not-public', bucket)], rules, '2026-11-23').findings[0]!.status).toBe('FAIL');
  });
  it.each([
    ['look-ahead', '/^(?=a)a/', /^suppressions s\.yaml:2: resource: not a valid regular expression \(no look-around or back-references\)/],
    ['a back-reference', '/(a)\\1/', /^suppressions s\.yaml:2: resource: not a valid regular expression/],
    ['an unknown flag', '/a/x', /^suppressions s\.yaml:2: resource: unknown regular expression flag "x"/],
  ])('rejects %s in one line', (_name, pattern, message) => {
    expect(() => parseSuppressions(`suppressions:\n  - resource: '${pattern}'\n    reason: r\n`, 's.yaml')).toThrow(message);
  });
});
