/** Containment through fix's engine, against SDK mocks: apply, AccessDenied on a step, drift, the captured group id, undo. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand, CreateSnapshotCommand, DescribeInstancesCommand, DescribeSnapshotAttributeCommand, EC2Client, ModifyInstanceAttributeCommand, ModifySnapshotAttributeCommand, RevokeSecurityGroupEgressCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DeleteUserPolicyCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, ListUserPoliciesCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, testContext } from '../../test/support/aws.js';
import { executeCall } from '../fixers/execute.js';
import { runSteps } from '../plan/apply.js';
import { Journal, readJournal } from '../plan/journal.js';
import { undoPlan } from '../plan/undo.js';
import type { PlannedStep } from '../plan/schema.js';
import { planContainment } from './contain.js';
import { respondDrift } from './reread.js';
import type { ScopeItem } from './scope.js';
import { SCOPE_ACCOUNT, scopeOf } from '../testing/respond-builders.js';

const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);
afterEach(() => {
  iam.reset();
  ec2.reset();
});

const A = SCOPE_ACCOUNT;
const dir = mkdtempSync(join(tmpdir(), 'bulwark-respond-apply-'));
let n = 0;

const items: ScopeItem[] = [
  { kind: 'iam-access-key', id: 'AKIANEWKEY0000000001', parent: 'backdoor', region: 'global', createdAt: '2026-11-21T08:00:00Z', notes: [], detail: { status: 'Active' } },
  { kind: 'iam-user', id: 'backdoor', region: 'global', createdAt: '2026-11-21T08:00:00Z', notes: [], detail: {} },
  { kind: 'ec2-instance', id: 'i-1', region: 'eu-west-1', createdAt: '2026-11-21T08:05:00Z', notes: [], detail: { volumeIds: ['vol-1'], securityGroupIds: ['sg-a'], vpcId: 'vpc-1', state: 'running' } },
  { kind: 'ec2-snapshot', id: 'snap-1', region: 'eu-west-1', createdAt: '2026-11-21T08:06:00Z', notes: ['public'], detail: { public: true } },
];
const scope = scopeOf(items, {}, '2026-11-21T09:00:00Z');
const plan = planContainment({ scope, events: [], now: new Date('2026-11-21T10:00:00Z'), homeRegion: 'us-east-1' });

function instance(state: string) {
  return { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: state }, SecurityGroups: [{ GroupId: 'sg-a' }], BlockDeviceMappings: [{ Ebs: { VolumeId: 'vol-1' } }] }] }] } as never;
}

function liveAccount(state = 'running') {
  iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIANEWKEY0000000001', Status: 'Active', UserName: 'backdoor' }] });
  iam.on(GetUserCommand).resolves({ User: { UserName: 'backdoor', UserId: 'AIDA1', Arn: `arn:aws:iam::${A}:user/backdoor`, Path: '/', CreateDate: new Date() } });
  iam.on(ListUserPoliciesCommand).resolves({ PolicyNames: [] });
  iam.on(PutUserPolicyCommand).resolves({});
  iam.on(DeleteUserPolicyCommand).resolves({});
  ec2.on(DescribeInstancesCommand).resolves(instance(state));
  ec2.on(DescribeSnapshotAttributeCommand).resolves({ SnapshotId: 'snap-1', CreateVolumePermissions: [{ Group: 'all' }] });
  ec2.on(CreateSnapshotCommand).resolves({ SnapshotId: 'snap-evidence' });
  ec2.on(StopInstancesCommand).resolves({});
  ec2.on(StartInstancesCommand).resolves({});
  ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-quarantine' });
  ec2.on(RevokeSecurityGroupEgressCommand).resolves({ Return: true });
  // vpc-1 has no IPv6 block: a new group there has no IPv6 egress rule to revoke.
  ec2.on(RevokeSecurityGroupEgressCommand, { IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }).rejects(awsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.'));
  ec2.on(ModifyInstanceAttributeCommand).resolves({});
  ec2.on(ModifySnapshotAttributeCommand).resolves({});
}

async function run(operation: 'apply' | 'undo', steps: readonly PlannedStep[] = plan.steps, path = join(dir, `j${++n}.jsonl`), undoes?: ReadonlyMap<string, number>) {
  const aws = testContext();
  const journal = await Journal.open(path);
  const results = await runSteps(steps, {
    operation,
    ...(operation === 'undo' ? { appliedOutcome: 'undone' as const, ...(undoes ? { undoes } : {}) } : { reread: respondDrift(aws, 'us-east-1') }),
    execute: (call) => executeCall(aws, call, 'us-east-1'),
    journal,
    callerArn: `arn:aws:iam::${A}:user/responder`,
    concurrency: 4,
    now: () => new Date('2026-11-21T10:01:00Z'),
    beforeCall: (step, call) => journal.append({ type: 'call', seq: journal.nextSeq(), time: '2026-11-21T10:01:00Z', callerArn: 'x', step: step.key, call: call }),
  });
  await journal.close();
  return { results, outcomes: Object.fromEntries(results.map((r) => [r.step.key.replace(/^(undo:)?respond:/, '$1'), r.outcome])), path };
}

describe('containment apply and undo', () => {
  it('applies every step, AccessDenied on one fails only that one, and the new group id reaches the later calls', async () => {
    liveAccount();
    iam.on(UpdateAccessKeyCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: iam:UpdateAccessKey', 403));
    const { outcomes, results, path } = await run('apply');
    expect(outcomes).toEqual({
      'deactivate-key:AKIANEWKEY0000000001': 'failed',
      'deny-user:backdoor': 'applied',
      'snapshot-instance:eu-west-1:i-1': 'applied',
      'stop-instance:eu-west-1:i-1': 'applied',
      'quarantine-group:eu-west-1:vpc-1': 'applied',
      'quarantine-instance:eu-west-1:i-1': 'applied',
      'unshare-snapshot:eu-west-1:snap-1': 'applied',
    });
    expect(results[0]?.reason).toBe('iam:UpdateAccessKey failed: AccessDenied');
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand)[0]?.args[0].input).toEqual({ GroupId: 'sg-quarantine', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[0]?.args[0].input).toEqual({ InstanceId: 'i-1', Groups: ['sg-quarantine'] });
    // Evidence before the stop.
    expect(ec2.commandCalls(CreateSnapshotCommand)[0]?.args[0].input).toMatchObject({ VolumeId: 'vol-1' });
    const entries = await readJournal(path);
    const calls = entries.filter((e) => e.type === 'call');
    expect(calls).toHaveLength(9);
    const group = entries.find((e) => e.type === 'step' && e.step.key.includes('quarantine-group'));
    expect(group?.type === 'step' && group.calls.map((c) => c.output)).toEqual([{ GroupId: 'sg-quarantine' }, undefined, undefined]);
    // The missing IPv6 rule is nothing to do, not a failure: journaled with its code.
    expect(group?.type === 'step' && group.calls.map((c) => [c.ok, c.errorCode])).toEqual([[true, undefined], [true, undefined], [true, 'InvalidPermission.NotFound']]);

    // Undo: newest first; the snapshot (evidence) and the empty group stay; the groups come back.
    const reverting = undoPlan(entries);
    expect(reverting.irreversible.map((e) => e.step.key)).toEqual(['respond:snapshot-instance:eu-west-1:i-1', 'respond:quarantine-group:eu-west-1:vpc-1']);
    const undone = await run('undo', reverting.steps, path, reverting.undoes);
    expect(Object.values(undone.outcomes)).toEqual(['undone', 'undone', 'undone', 'undone']);
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[1]?.args[0].input).toEqual({ InstanceId: 'i-1', Groups: ['sg-a'] });
    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(1);
    expect(iam.commandCalls(DeleteUserPolicyCommand)[0]?.args[0].input).toEqual({ UserName: 'backdoor', PolicyName: 'BulwarkRespondDenyAll' });
    expect(undoPlan(await readJournal(path)).steps).toEqual([]);
  });

  it('drift: a terminated instance is skipped (and its stop with it), a key already inactive and a snapshot no longer public are left alone', async () => {
    liveAccount('terminated');
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIANEWKEY0000000001', Status: 'Inactive', UserName: 'backdoor' }] });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ SnapshotId: 'snap-1', CreateVolumePermissions: [] });
    const { outcomes, results } = await run('apply');
    expect(outcomes).toMatchObject({
      'deactivate-key:AKIANEWKEY0000000001': 'skipped-resolved',
      'snapshot-instance:eu-west-1:i-1': 'skipped-drift',
      'stop-instance:eu-west-1:i-1': 'skipped-dependency',
      'quarantine-instance:eu-west-1:i-1': 'skipped-drift',
      'unshare-snapshot:eu-west-1:snap-1': 'skipped-resolved',
    });
    expect(results.find((r) => r.step.key.includes('snapshot-instance'))?.reason).toBe('changed since the plan: instance i-1 is terminated');
    expect(ec2.commandCalls(CreateSnapshotCommand)).toHaveLength(0);
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(0);
  });

  it('drift: a user deleted since the plan is skipped, not an error', async () => {
    liveAccount();
    iam.on(GetUserCommand).rejects(awsError('NoSuchEntity', 'The user with name backdoor cannot be found.', 404));
    const { outcomes } = await run('apply', plan.steps.filter((s) => s.key.includes('deny-user')));
    expect(outcomes).toEqual({ 'deny-user:backdoor': 'skipped-drift' });
    expect(iam.commandCalls(PutUserPolicyCommand)).toHaveLength(0);
  });
});
