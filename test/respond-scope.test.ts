/**
 * respond's scope against a scripted intrusion in the stateful look-alike, through the real SDK:
 * exactly what the attacker made since T is found (nothing that existed before), each with who
 * made it, the suspect's activity is summarised with its STS session followed, and the built-in
 * detect rules raise their alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScope } from '../src/respond/read-scope.js';
import type { ScopeResult } from '../src/respond/scope-options.js';
import { testContext } from './support/aws.js';
import { EXPECTED_ITEMS, FOREIGN_ACCOUNT, INTRUSION_ACCOUNT, INTRUSION_NOW, INTRUSION_REGIONS, INTRUSION_SINCE, SESSION_KEY, SUSPECT_ARN, SUSPECT_KEY, startIntrusion } from './support/intrusion.js';
import type { StatefulAws } from './support/stateful/index.js';

const noSleep = () => Promise.resolve();
/** A whole scope read is some hundred calls through the real SDK: generous on a loaded machine. */
const SCOPE_TIMEOUT_MS = 60_000;

async function scope(fake: StatefulAws, narrowed: { accessKeys?: string[]; principals?: string[] } = { accessKeys: [SUSPECT_KEY] }): Promise<ScopeResult> {
  return readScope(testContext({ endpointUrl: fake.url }), {
    account: { id: INTRUSION_ACCOUNT, partition: 'aws' },
    since: INTRUSION_SINCE,
    now: INTRUSION_NOW,
    regions: [...INTRUSION_REGIONS],
    accessKeys: narrowed.accessKeys ?? [],
    principals: narrowed.principals ?? [],
    events: { kind: 'lookup' },
    sleep: noSleep,
  });
}

const kindsAndIds = (result: ScopeResult) => result.scope.items.map((i) => `${i.kind} ${i.id} ${i.region}`).sort();
const expected = EXPECTED_ITEMS.map((i) => `${i.kind} ${i.id} ${i.region}`).sort();

describe('respond scope of the scripted intrusion', { timeout: SCOPE_TIMEOUT_MS }, () => {
  let fake: StatefulAws;
  let result: ScopeResult;
  beforeAll(async () => {
    fake = await startIntrusion();
    result = await scope(fake);
  }, SCOPE_TIMEOUT_MS);
  afterAll(() => fake.close());

  it('finds exactly what the attacker made since T, and nothing that existed before', () => {
    expect(kindsAndIds(result)).toEqual(expected);
    expect(result.scope.unreadable).toEqual([]);
  });

  it('names who made each item from the events, the STS session included', () => {
    for (const item of result.scope.items) expect(item.createdBy, `${item.kind} ${item.id}`).toBe(SUSPECT_ARN);
    expect(result.scope.items.every((i) => i.eventId?.startsWith('evt-'))).toBe(true);
    const third = result.events.find((e) => e.eventName === 'RunInstances' && e.awsRegion === 'ap-southeast-1');
    expect((third?.userIdentity as { accessKeyId?: string }).accessKeyId).toBe(SESSION_KEY);
  });

  it('says why each item matters and keeps what containment needs', () => {
    const by = (kind: string, id?: string) => result.scope.items.find((i) => i.kind === kind && (!id || i.id === id))!;
    expect(by('iam-user').notes).toEqual(['admin policy attached (AdministratorAccess)', 'console password']);
    expect(by('iam-access-key', 'AKIAALICEBACKDOOR001')).toMatchObject({ parent: 'alice', notes: ['new key on a user that existed before T'], detail: { status: 'Active', user: 'alice' } });
    expect(by('iam-role').notes).toEqual([`trusted by foreign account ${FOREIGN_ACCOUNT}`]);
    expect(by('iam-role').detail).toEqual({ trustPrincipals: [`arn:aws:iam::${FOREIGN_ACCOUNT}:root`] });
    expect(by('ec2-security-group-rule')).toMatchObject({ parent: 'sg-0web00000000001', notes: ['0.0.0.0/0 on tcp/22'] });
    expect(by('ec2-snapshot')).toMatchObject({ notes: ['shared publicly (group all)'], detail: { public: true, sharedWith: [] } });
    expect(by('ec2-instance', 'i-0atk0000000000002')).toMatchObject({
      arn: `arn:aws:ec2:eu-west-1:${INTRUSION_ACCOUNT}:instance/i-0atk0000000000002`,
      detail: { state: 'running', vpcId: 'vpc-0main', securityGroupIds: ['sg-0web00000000001'], volumeIds: ['vol-0atk00000000002'] },
    });
    expect(by('lambda-function')).toMatchObject({ createdAt: '2026-11-28T07:00:00.000Z', notes: [] });
  });

  it('summarises the suspect activity by service and action, in time order, failures counted', () => {
    const { activity } = result.scope;
    expect(activity.source).toBe('lookup');
    expect(activity.events).toBe(result.events.length);
    expect(activity.firstTime).toBe('2026-11-28T00:30:00.000Z');
    expect(activity.lastTime).toBe('2026-11-28T07:06:00.000Z');
    expect(activity.byAction.find((a) => a.action === 'RunInstances')).toEqual({ service: 'ec2', action: 'RunInstances', count: 3, errors: 0, regions: ['ap-southeast-1', 'eu-west-1', 'us-east-1'] });
    expect(activity.byAction.find((a) => a.action === 'CreateUser')).toEqual({ service: 'iam', action: 'CreateUser', count: 2, errors: 1, regions: ['us-east-1'] });
    // Alice's calls after T are not the suspect's; the key's calls before T are outside the scope.
    expect(result.events.some((e) => (e.userIdentity as { userName?: string }).userName === 'alice')).toBe(false);
    expect(result.events.some((e) => e.eventName === 'ListBuckets')).toBe(false);
    const times = result.events.map((e) => Date.parse(e.eventTime as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('applies the built-in detect rules to the suspect events', () => {
    const titles = result.scope.activity.alerts.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['SSH, RDP or all ports opened to the internet', 'EBS snapshot or AMI made public']));
    expect(result.scope.activity.alerts.every((a) => typeof a.ruleId === 'string' && Array.isArray(a.eventIds))).toBe(true);
  });

  it('compares the cost of the last 14 days with the 30 before', () => {
    expect(result.scope.cost?.byService[0]).toEqual({ service: 'Amazon Elastic Compute Cloud - Compute', recentPerDay: 32.07, baselinePerDay: 3 });
    expect(result.scope.cost).toMatchObject({ currency: 'USD', recentDays: 14, baselineDays: 30 });
  });

  it('with the suspect named as a user, finds the same', async () => {
    const byUser = await scope(fake, { principals: [SUSPECT_ARN] });
    expect(kindsAndIds(byUser)).toEqual(expected);
  });

  it('with no suspect, takes every write since T and still finds exactly the new things', async () => {
    const all = await scope(fake, {});
    expect(kindsAndIds(all)).toEqual(expected);
    expect(all.events.some((e) => e.eventName === 'StartInstances')).toBe(true);
    expect(all.events.some((e) => e.readOnly === true)).toBe(false);
  });
});

describe('respond scope when reads are denied', { timeout: SCOPE_TIMEOUT_MS }, () => {
  it('lists the denied kinds as unreadable with the permission, and reads the rest', async () => {
    const fake = await startIntrusion({ deny: ['ec2:DescribeInstances', 'iam:ListAccessKeys', 'ce:GetCostAndUsage'] });
    try {
      const result = await scope(fake);
      const unreadable = result.scope.unreadable.map((u) => `${u.kind} ${u.region} ${u.permission ?? ''}`).sort();
      expect(unreadable).toEqual(['cost us-east-1 ce:GetCostAndUsage', 'ec2-instance ap-southeast-1 ec2:DescribeInstances', 'ec2-instance eu-west-1 ec2:DescribeInstances', 'ec2-instance us-east-1 ec2:DescribeInstances', 'iam-access-key global iam:ListAccessKeys']);
      expect(kindsAndIds(result)).toEqual(expected.filter((e) => !e.startsWith('ec2-instance') && !e.startsWith('iam-access-key')));
      expect(result.scope.cost).toBeUndefined();
    } finally {
      await fake.close();
    }
  });

  it('keeps security group rules and bucket policies UNKNOWN where CloudTrail could not be read', async () => {
    const fake = await startIntrusion({ deny: ['cloudtrail:LookupEvents'] });
    try {
      const result = await scope(fake);
      const kinds = new Set(result.scope.unreadable.map((u) => `${u.kind} ${u.region}`));
      for (const region of INTRUSION_REGIONS) for (const kind of ['activity', 'ec2-security-group-rule', 'ec2-security-group', 's3-bucket-policy']) expect(kinds, `${kind} ${region}`).toContain(`${kind} ${region}`);
      expect(result.scope.activity.events).toBe(0);
      // What live reads date is still found, without a maker.
      expect(result.scope.items.some((i) => i.kind === 'iam-user' && i.id === 'svc-backup' && !i.createdBy)).toBe(true);
    } finally {
      await fake.close();
    }
  });
});
