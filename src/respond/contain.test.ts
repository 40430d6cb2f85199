import { describe, expect, it } from 'vitest';
import { resolveCall } from '../fixers/execute.js';
import { planSchema } from '../plan/schema.js';
import { planContainment, selectSteps } from './contain.js';
import type { Scope } from './scope.js';
import { SCOPE_ACCOUNT as A, scopeItem as item, scopeOf as scope } from '../testing/respond-builders.js';

const NOW = new Date('2026-11-21T10:00:00Z');

const plan = (s: Scope, callerArn?: string, events: Record<string, unknown>[] = []) => planContainment({ scope: s, events, now: NOW, homeRegion: 'us-east-1', ...(callerArn ? { callerArn } : {}) });
const keys = (p: ReturnType<typeof plan>) => p.steps.map((s) => s.key);

describe('planContainment', () => {
  it('deactivates the suspect key (its user from the events) and every new key, and denies suspect and new users once each', () => {
    const p = plan(
      scope([item('iam-access-key', 'AKIANEWKEY0000000001', { parent: 'carol' }), item('iam-user', 'backdoor'), item('iam-access-key', 'AKIANEWKEY0000000002', { parent: 'backdoor' })], {
        accessKeys: ['AKIASUSPECT000000001'],
        principals: [`arn:aws:iam::${A}:user/backdoor`],
      }),
      undefined,
      [{ userIdentity: { type: 'IAMUser', userName: 'dave', accessKeyId: 'AKIASUSPECT000000001' } }],
    );
    expect(keys(p)).toEqual([
      'respond:deactivate-key:AKIASUSPECT000000001',
      'respond:deactivate-key:AKIANEWKEY0000000001',
      'respond:deactivate-key:AKIANEWKEY0000000002',
      'respond:deny-user:backdoor',
    ]);
    expect(p.steps[0]?.calls[0]?.input).toEqual({ UserName: 'dave', AccessKeyId: 'AKIASUSPECT000000001', Status: 'Inactive' });
    expect(p.steps[0]?.undo?.[0]?.input).toMatchObject({ Status: 'Active' });
    // Suspect and new: one step, both subjects.
    expect(p.steps[3]?.findings.map((f) => (f).scopeKind)).toEqual(['suspect-principal', 'iam-user']);
    expect(JSON.parse(String(p.steps[3]?.calls[0]?.input.PolicyDocument))).toEqual({ Version: '2012-10-17', Statement: [{ Sid: 'BulwarkRespondDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }] });
    expect(planSchema.safeParse(p).success).toBe(true);
  });

  it('denies a suspect role and revokes its sessions issued before now; a new role is only denied', () => {
    const p = plan(scope([item('iam-role', 'new-role', { notes: ['trusted by foreign account 999999999999'] })], { principals: [`arn:aws:sts::${A}:assumed-role/deploy/session-1`] }));
    expect(keys(p)).toEqual(['respond:deny-role:deploy', 'respond:revoke-sessions:deploy', 'respond:deny-role:new-role']);
    const revoke = JSON.parse(String(p.steps[1]?.calls[0]?.input.PolicyDocument)) as { Statement: { Condition: unknown }[] };
    expect(revoke.Statement[0]?.Condition).toEqual({ DateLessThan: { 'aws:TokenIssueTime': NOW.toISOString() } });
    expect(p.steps[1]?.undo).toEqual([{ action: 'iam:DeleteRolePolicy', region: 'global', input: { RoleName: 'deploy', PolicyName: 'BulwarkRespondRevokeOlderSessions' } }]);
  });

  it('never locks out the identity running it, and lists root, foreign and unknown-owner suspects by hand', () => {
    const p = plan(scope([item('iam-access-key', 'AKIAMINE000000000001', { parent: 'responder' })], { accessKeys: ['AKIAORPHAN0000000001'], principals: [`arn:aws:iam::${A}:user/responder`, `arn:aws:iam::${A}:root`, 'arn:aws:iam::999999999999:user/x'] }), `arn:aws:iam::${A}:user/responder`);
    expect(keys(p)).toEqual([]);
    expect(p.manual.map((m) => [m.resource, m.reason])).toEqual([
      ['AKIAORPHAN0000000001', 'neither the inventory nor an event names its user'],
      ['AKIAMINE000000000001 (responder)', 'it belongs to the identity running this command'],
      [`arn:aws:iam::${A}:root`, 'the root user cannot be denied by a policy'],
      ['arn:aws:iam::999999999999:user/x', 'it belongs to account 999999999999'],
      [`arn:aws:iam::${A}:user/responder`, 'denying it would stop this command'],
    ]);
  });

  it('snapshots an instance before stopping it, quarantines it with a group made in its VPC, and restores its groups on undo', () => {
    const p = plan(scope([item('ec2-instance', 'i-1', { region: 'eu-west-1', detail: { volumeIds: ['vol-1', 'vol-2'], securityGroupIds: ['sg-a', 'sg-b'], vpcId: 'vpc-1', state: 'running' } })]));
    expect(p.steps.map((s) => [s.key, s.risk, s.undo?.map((u) => u.action) ?? 'irreversible', s.dependsOn ?? []])).toEqual([
      ['respond:snapshot-instance:eu-west-1:i-1', 'costs-money', 'irreversible', []],
      ['respond:stop-instance:eu-west-1:i-1', 'may-disrupt', ['ec2:StartInstances'], ['respond:snapshot-instance:eu-west-1:i-1']],
      ['respond:quarantine-group:eu-west-1:vpc-1', 'safe', 'irreversible', []],
      ['respond:quarantine-instance:eu-west-1:i-1', 'may-disrupt', ['ec2:ModifyInstanceAttribute'], ['respond:quarantine-group:eu-west-1:vpc-1']],
    ]);
    expect(p.steps[0]?.calls.map((c) => c.input.VolumeId)).toEqual(['vol-1', 'vol-2']);
    const group = p.steps[2]!;
    // All IPv4 and IPv6 egress revoked; the IPv6 rule exists only in a VPC with an IPv6 block, so its absence is tolerated.
    expect(group.calls.map((c) => [c.action, c.tolerate ?? []])).toEqual([['ec2:CreateSecurityGroup', []], ['ec2:RevokeSecurityGroupEgress', []], ['ec2:RevokeSecurityGroupEgress', ['InvalidPermission.NotFound']]]);
    expect(group.calls[0]).toMatchObject({ input: { VpcId: 'vpc-1' }, capture: ['GroupId'] });
    for (const revoke of group.calls.slice(1)) expect(revoke.input.GroupId).toEqual({ $output: { step: group.key, field: 'GroupId' } });
    expect(p.steps[3]?.calls[0]?.input).toEqual({ InstanceId: 'i-1', Groups: [{ $output: { step: group.key, field: 'GroupId' } }] });
    expect(p.steps[3]?.undo?.[0]?.input).toEqual({ InstanceId: 'i-1', Groups: ['sg-a', 'sg-b'] });
    expect(planSchema.safeParse(p).success).toBe(true);
  });

  it('does not stop an instance whose volumes were not read (no evidence), and skips a stopped one\'s stop', () => {
    const p = plan(
      scope([
        item('ec2-instance', 'i-unread', { region: 'eu-west-1', detail: { state: 'running' } }),
        item('ec2-instance', 'i-stopped', { region: 'eu-west-1', detail: { volumeIds: ['vol-9'], securityGroupIds: ['sg-a'], vpcId: 'vpc-1', state: 'stopped' } }),
      ]),
    );
    expect(keys(p)).toEqual(['respond:snapshot-instance:eu-west-1:i-stopped', 'respond:quarantine-group:eu-west-1:vpc-1', 'respond:quarantine-instance:eu-west-1:i-stopped']);
    expect(p.manual.map((m) => m.reason)).toEqual(['its volumes were not read: it is not stopped without an evidence snapshot']);
  });

  it('removes public and foreign sharing of new snapshots and AMIs (never this account\'s own id), and lists unread sharing', () => {
    const p = plan(
      scope([
        item('ec2-snapshot', 'snap-1', { region: 'eu-west-1', detail: { public: true, sharedWith: ['999999999999', A] } }),
        item('ec2-image', 'ami-1', { region: 'eu-west-1', detail: { public: false, sharedWith: ['888888888888'] } }),
        item('ec2-snapshot', 'snap-private', { region: 'eu-west-1', detail: { public: false, sharedWith: [] } }),
        item('ec2-image', 'ami-unread', { region: 'eu-west-1' }),
      ]),
    );
    expect(keys(p)).toEqual(['respond:unshare-snapshot:eu-west-1:snap-1', 'respond:unshare-image:eu-west-1:ami-1']);
    expect(p.steps[0]?.calls[0]?.input).toEqual({ SnapshotId: 'snap-1', Attribute: 'createVolumePermission', OperationType: 'remove', GroupNames: ['all'], UserIds: ['999999999999'] });
    expect(p.steps[0]?.undo?.[0]?.input).toMatchObject({ OperationType: 'add' });
    expect(p.steps[1]?.calls[0]?.input).toEqual({ ImageId: 'ami-1', LaunchPermission: { Remove: [{ UserId: '888888888888' }] } });
    expect(p.manual.map((m) => [m.resource, m.reason])).toEqual([['ami-unread', 'its sharing was not read']]);
  });

  it('lists what no step contains with how to do it by hand', () => {
    const p = plan(scope([item('lambda-function', 'miner', { region: 'eu-west-1' }), item('ec2-security-group-rule', 'sgr-1', { region: 'eu-west-1', parent: 'sg-1', notes: ['0.0.0.0/0 on tcp/22'] })]));
    expect(p.steps).toEqual([]);
    expect(p.manual.map((m) => [m.checkId, m.manual.split(' ').slice(0, 3).join(' ')])).toEqual([
      ['lambda-function', 'stop it without'],
      ['ec2-security-group-rule', 'aws ec2 revoke-security-group-ingress'],
    ]);
  });

  it('every action of a containment step maps to an SDK command', () => {
    const p = plan(
      scope(
        [
          item('iam-access-key', 'AKIANEWKEY0000000001', { parent: 'carol' }),
          item('iam-role', 'r'),
          item('ec2-instance', 'i-1', { region: 'eu-west-1', detail: { volumeIds: ['vol-1'], securityGroupIds: ['sg-a'], vpcId: 'vpc-1', state: 'running' } }),
          item('ec2-snapshot', 'snap-1', { region: 'eu-west-1', detail: { public: true } }),
          item('ec2-image', 'ami-1', { region: 'eu-west-1', detail: { public: true } }),
        ],
        { principals: [`arn:aws:iam::${A}:user/u`, `arn:aws:iam::${A}:role/r`] },
      ),
    );
    const calls = p.steps.flatMap((s) => [...s.calls, ...(s.undo ?? [])]);
    expect(calls.filter((c) => 'error' in resolveCall(c))).toEqual([]);
    expect(new Set(calls.map((c) => c.action)).size).toBe(13);
  });
});

describe('selectSteps', () => {
  const p = plan(scope([item('iam-user', 'u'), item('ec2-instance', 'i-1', { region: 'eu-west-1', detail: { volumeIds: ['vol-1'], securityGroupIds: ['sg-a'], vpcId: 'vpc-1', state: 'running' } })]));

  it('takes keys or key prefixes, with or without respond:', () => {
    expect(keys(selectSteps(p, ['deny-user']))).toEqual(['respond:deny-user:u']);
    expect(keys(selectSteps(p, [], ['snapshot-instance', 'respond:quarantine-group:eu-west-1:vpc-1', 'quarantine-instance']))).toEqual(['respond:deny-user:u', 'respond:stop-instance:eu-west-1:i-1']);
  });

  it('refuses a selector that matches no step', () => {
    expect(() => selectSteps(p, ['stop-instance:us-east-1'])).toThrow(/--only\/--skip stop-instance:us-east-1: no step of the plan has that key \(the plan's steps: deny-user, snapshot-instance, stop-instance, quarantine-group, quarantine-instance/);
  });
});
