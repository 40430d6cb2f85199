import { afterEach, describe, expect, it } from 'vitest';
import adminPorts from '../src/checks/ec2/ec2-security-group-admin-ports-restricted.js';
import riskyPorts from '../src/checks/ec2/ec2-security-group-risky-ports-restricted.js';
import defaultGroup from '../src/checks/ec2/ec2-default-security-group-closed.js';
import passwordPolicy from '../src/checks/iam/iam-password-policy-strong.js';
import regionRecorded from '../src/checks/cloudtrail/cloudtrail-region-recorded.js';
import alarmed from '../src/checks/cloudwatch/cloudwatch-unusual-calls-alarmed.js';
import { MONITORED_EVENTS } from '../src/logs/cis-events.js';
import { statefulCloudTrail, type TrailState } from './support/stateful/services/cloudtrail.js';
import { confirmSubscriptions, statefulMonitoring, type AlarmState } from './support/stateful/services/monitoring.js';
import { startFakeAws, type FakeAws, type FakeHandler } from './support/fake-aws.js';
import { simulatedAccount } from './support/simulated-account.js';
import { statefulEc2, type Ec2State } from './support/stateful/services/ec2-security-groups.js';
import { statefulIam, type IamState } from './support/stateful/services/iam-account.js';
import { fixCycle, verdicts } from './support/stateful/fix-cycle.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const fallback = simulatedAccount({ regions: ['eu-west-1'], users: 0, groupsPerRegion: 0 });
async function start(...handlers: FakeHandler[]): Promise<string> {
  fake = await startFakeAws((request) => handlers.reduce<ReturnType<FakeHandler>>((answer, handler) => answer ?? handler(request), undefined) ?? fallback(request));
  return fake.url;
}

describe('fix → scan → undo → scan on the stateful look-alike', () => {
  it('security groups: closes only the internet ranges and empties the default group, then undo restores every rule', async () => {
    const state: Ec2State = {
      owner: '123456789012',
      groups: {
        'eu-west-1': [
          { id: 'sg-web', name: 'web', vpcId: 'vpc-1', inbound: [{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['0.0.0.0/0', '203.0.113.0/24'], ipv6: ['::/0'], groups: [] }, { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }], outbound: [] },
          { id: 'sg-db', name: 'db', vpcId: 'vpc-1', inbound: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, ipv4: ['0.0.0.0/0'], ipv6: [], groups: ['sg-web'] }], outbound: [] },
          { id: 'sg-default', name: 'default', vpcId: 'vpc-1', inbound: [{ protocol: '-1', ipv4: [], ipv6: [], groups: ['sg-default'] }], outbound: [{ protocol: '-1', ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }] },
        ],
      },
      interfaces: { 'eu-west-1': { 'sg-web': 2 } },
    };
    const original = JSON.stringify(state.groups);
    const cycle = fixCycle(await start(statefulEc2(state)), [adminPorts, riskyPorts, defaultGroup], ['eu-west-1']);
    const before = verdicts(await cycle.scan());
    expect(before.filter(([, , status]) => status === 'FAIL')).toHaveLength(3);

    const plan = await cycle.plan();
    expect(plan.steps.map((s) => [s.key, s.risk])).toEqual([
      ['ec2:revoke-world-ingress:eu-west-1:sg-web:tcp:22-22', 'may-disrupt'],
      ['ec2:revoke-world-ingress:eu-west-1:sg-db:tcp:5432-5432', 'safe'],
      ['ec2:empty-default-group:eu-west-1:sg-default', 'safe'],
    ]);
    expect((await cycle.apply(plan)).map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    const web = state.groups['eu-west-1']?.[0];
    expect(web?.inbound).toEqual([
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['203.0.113.0/24'], ipv6: [], groups: [] },
      { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] },
    ]);
    expect(state.groups['eu-west-1']?.[1]?.inbound).toEqual([{ protocol: 'tcp', fromPort: 5432, toPort: 5432, ipv4: [], ipv6: [], groups: ['sg-web'] }]);
    expect(verdicts(await cycle.scan()).every(([, , status]) => status !== 'FAIL')).toBe(true);
    expect((await cycle.plan()).steps).toEqual([]); // idempotent

    expect((await cycle.undo(plan)).map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect(verdicts(await cycle.scan())).toEqual(before);
    const sorted = (json: string) => JSON.stringify(JSON.parse(json, (_k, v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...v].sort() : v)));
    expect(sorted(JSON.stringify(state.groups))).toEqual(sorted(original));
  });

  it('--allow-cidr replaces the internet with that range, and undo takes it out again', async () => {
    const state: Ec2State = { owner: '123456789012', groups: { 'eu-west-1': [{ id: 'sg-web', name: 'web', vpcId: 'vpc-1', inbound: [{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }], outbound: [] }] } };
    const cycle = fixCycle(await start(statefulEc2(state)), [adminPorts], ['eu-west-1']);
    const plan = await cycle.plan({ allowCidr: '198.51.100.0/24' });
    await cycle.apply(plan);
    expect(state.groups['eu-west-1']?.[0]?.inbound).toEqual([{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['198.51.100.0/24'], ipv6: [], groups: [] }]);
    await cycle.undo(plan);
    expect(state.groups['eu-west-1']?.[0]?.inbound).toEqual([{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }]);
  });

  it('a revoke EC2 rejects (the rule was already changed) fails that step and journals it; the others go on', async () => {
    const state: Ec2State = {
      owner: '123456789012',
      groups: { 'eu-west-1': [{ id: 'sg-a', name: 'a', vpcId: 'vpc-1', inbound: [{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }], outbound: [] }, { id: 'sg-b', name: 'b', vpcId: 'vpc-1', inbound: [{ protocol: 'tcp', fromPort: 3389, toPort: 3389, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] }], outbound: [] }] },
    };
    const cycle = fixCycle(await start(statefulEc2(state)), [adminPorts], ['eu-west-1']);
    const plan = await cycle.plan();
    state.groups['eu-west-1']![0]!.inbound = []; // someone else closed it meanwhile
    const results = await cycle.apply(plan);
    expect(results.map((r) => [r.step.key, r.outcome])).toEqual([
      ['ec2:revoke-world-ingress:eu-west-1:sg-a:tcp:22-22', 'failed'],
      ['ec2:revoke-world-ingress:eu-west-1:sg-b:tcp:3389-3389', 'applied'],
    ]);
    expect(results[0]?.reason).toMatch(/InvalidPermission\.NotFound/);
  });

  it('password policy: set with the stricter existing values kept, then undo restores the old policy exactly', async () => {
    const old = { MinimumPasswordLength: '20', RequireSymbols: 'false', RequireNumbers: 'true', RequireUppercaseCharacters: 'false', RequireLowercaseCharacters: 'true', AllowUsersToChangePassword: 'true', MaxPasswordAge: '30', HardExpiry: 'false' };
    const state: IamState = { account: '123456789012', passwordPolicy: { ...old } };
    const cycle = fixCycle(await start(statefulIam(state)), [passwordPolicy], ['eu-west-1']);
    expect(verdicts(await cycle.scan())).toEqual([['iam-password-policy-strong', '123456789012', 'FAIL']]);
    const plan = await cycle.plan();
    await cycle.apply(plan);
    expect(state.passwordPolicy).toEqual({ ...old, RequireSymbols: 'true', RequireUppercaseCharacters: 'true', PasswordReusePrevention: '24' });
    expect(verdicts(await cycle.scan())).toEqual([['iam-password-policy-strong', '123456789012', 'PASS']]);
    expect((await cycle.plan()).steps).toEqual([]);
    await cycle.undo(plan);
    expect(state.passwordPolicy).toEqual(old);
    expect(verdicts(await cycle.scan())).toEqual([['iam-password-policy-strong', '123456789012', 'FAIL']]);
  });

  it('password policy: none before, so undo deletes the one it created', async () => {
    const state: IamState = { account: '123456789012', passwordPolicy: null };
    const cycle = fixCycle(await start(statefulIam(state)), [passwordPolicy], ['eu-west-1']);
    const plan = await cycle.plan();
    await cycle.apply(plan);
    expect(verdicts(await cycle.scan())).toEqual([['iam-password-policy-strong', '123456789012', 'PASS']]);
    await cycle.undo(plan);
    expect(state.passwordPolicy).toBeNull();
  });

  it('trail and alarm chain: start the trail, stream it to a new log group, alarm on every CIS event; undo takes it all back but the log group', async () => {
    const trails: TrailState = {
      account: '123456789012',
      trails: [{ Name: 'main', TrailARN: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', HomeRegion: 'us-east-1', IsMultiRegionTrail: true, LogFileValidationEnabled: true, S3BucketName: 'logs', IsLogging: false, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }],
      logGroups: {},
    };
    const monitoring: AlarmState = { account: '123456789012', alarms: {}, topics: {} };
    const iam: IamState = { account: '123456789012', passwordPolicy: null };
    const cycle = fixCycle(await start(statefulCloudTrail(trails), statefulMonitoring(monitoring), statefulIam(iam)), [regionRecorded, alarmed], ['us-east-1', 'eu-west-1']);
    const before = verdicts(await cycle.scan());
    expect(before.filter(([, , status]) => status === 'FAIL')).toHaveLength(2 + MONITORED_EVENTS.length);

    const unready = await cycle.plan();
    expect(unready.steps.filter((s) => s.missingInputs).map((s) => s.key)).toHaveLength(1 + MONITORED_EVENTS.length);
    const plan = await cycle.plan({ alarmEmail: 'security@example.com' });
    const keys = plan.steps.map((s) => s.key);
    expect(keys.slice(0, 5)).toEqual([
      'cloudtrail:start-logging:arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
      'logs:create-log-group:us-east-1:bulwark-cloudtrail',
      'iam:create-role:BulwarkCloudTrailToLogs',
      'cloudtrail:deliver-to-logs:arn:aws:cloudtrail:us-east-1:123456789012:trail/main',
      'sns:create-alarm-topic:us-east-1:bulwark-security-alarms',
    ]);
    const results = await cycle.apply(plan);
    expect(results.filter((r) => r.outcome !== 'applied').map((r) => [r.step.key, r.reason])).toEqual([]);
    expect(trails.trails[0]).toMatchObject({ IsLogging: true, CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:bulwark-cloudtrail:*' });
    expect(Object.keys(trails.logGroups['us-east-1']?.['bulwark-cloudtrail']?.filters ?? {})).toHaveLength(MONITORED_EVENTS.length);

    // Alarms count once someone hears them: until the e-mail is confirmed they still fail.
    const pending = verdicts(await cycle.scan());
    expect(pending.filter(([id, , status]) => id === alarmed.id && status === 'FAIL')).toHaveLength(MONITORED_EVENTS.length);
    confirmSubscriptions(monitoring);
    expect(verdicts(await cycle.scan()).filter(([, , status]) => status !== 'PASS')).toEqual([]);
    expect((await cycle.plan({ alarmEmail: 'security@example.com' })).steps).toEqual([]);

    const undone = await cycle.undo(plan);
    expect(undone.filter((r) => r.outcome !== 'applied')).toEqual([]);
    expect(verdicts(await cycle.scan())).toEqual(before);
    expect(trails.trails[0]?.CloudWatchLogsLogGroupArn).toBeUndefined();
    expect(monitoring.topics).toEqual({});
    expect(iam.roles).toEqual({});
    // Irreversible by design: the log group holds the trail's logs.
    expect(Object.keys(trails.logGroups['us-east-1'] ?? {})).toEqual(['bulwark-cloudtrail']);
  });
});
