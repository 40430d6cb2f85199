/**
 * Drift for containment steps: just before a step runs, its resource is read again. Gone or
 * changed by someone else: the step is skipped (`changed`); already in the state the step makes
 * (a key already inactive, an instance already stopped, a snapshot no longer shared): `resolved`.
 * Reads are narrow (one user's keys, one instance), so a step's own predecessors are never drift.
 */
import { DescribeImageAttributeCommand, DescribeInstancesCommand, DescribeSnapshotAttributeCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRoleCommand, GetUserCommand, IAMClient, ListAccessKeysCommand, ListRolePoliciesCommand, ListUserPoliciesCommand } from '@aws-sdk/client-iam';
import type { AwsContext } from '../aws/context.js';
import { errorCode } from '../aws/errors.js';
import type { DriftCheck } from '../plan/apply.js';
import type { PlannedStep } from '../plan/schema.js';
import { DENY_ALL_POLICY } from '../fixers/respond-iam.js';

/** The read-only permissions the drift checks use (for the generated respond policy). */
export const REREAD_PERMISSIONS = ['iam:ListAccessKeys', 'iam:GetUser', 'iam:ListUserPolicies', 'iam:GetRole', 'iam:ListRolePolicies', 'ec2:DescribeInstances', 'ec2:DescribeSnapshotAttribute', 'ec2:DescribeImageAttribute'];

const gone = (error: unknown) => ['NoSuchEntity', 'NoSuchEntityException', 'InvalidInstanceID.NotFound', 'InvalidSnapshot.NotFound', 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable'].includes(errorCode(error));

export function respondDrift(aws: AwsContext, homeRegion: string): (step: PlannedStep) => Promise<DriftCheck> {
  const iam = () => aws.client('iam', homeRegion, IAMClient);
  const ec2 = (region: string) => aws.client('ec2', region, EC2Client);
  return async (step) => {
    const verb = step.key.split(':')[1];
    const call = step.calls[0]!;
    const input = call.input as Record<string, unknown>;
    try {
      switch (verb) {
        case 'deactivate-key': {
          const { AccessKeyMetadata = [] } = await iam().send(new ListAccessKeysCommand({ UserName: String(input.UserName) }));
          const key = AccessKeyMetadata.find((k) => k.AccessKeyId === input.AccessKeyId);
          if (!key) return { verdict: 'changed', detail: `the key is no longer listed for ${String(input.UserName)}` };
          const state = { status: key.Status };
          return key.Status === 'Inactive' ? { verdict: 'resolved', detail: 'the key is inactive already', state } : { verdict: 'unchanged', state };
        }
        case 'deny-user': {
          await iam().send(new GetUserCommand({ UserName: String(input.UserName) }));
          const { PolicyNames = [] } = await iam().send(new ListUserPoliciesCommand({ UserName: String(input.UserName) }));
          return PolicyNames.includes(DENY_ALL_POLICY) ? { verdict: 'resolved', detail: `${DENY_ALL_POLICY} is on the user already`, state: { policies: PolicyNames } } : { verdict: 'unchanged', state: { policies: PolicyNames } };
        }
        case 'deny-role':
        case 'revoke-sessions': {
          await iam().send(new GetRoleCommand({ RoleName: String(input.RoleName) }));
          const { PolicyNames = [] } = await iam().send(new ListRolePoliciesCommand({ RoleName: String(input.RoleName) }));
          if (verb === 'deny-role' && PolicyNames.includes(DENY_ALL_POLICY)) return { verdict: 'resolved', detail: `${DENY_ALL_POLICY} is on the role already`, state: { policies: PolicyNames } };
          return { verdict: 'unchanged', state: { policies: PolicyNames } };
        }
        case 'snapshot-instance':
        case 'stop-instance':
        case 'quarantine-instance':
          return await instanceDrift(step, verb, ec2(call.region));
        case 'unshare-snapshot': {
          const read = await ec2(call.region).send(new DescribeSnapshotAttributeCommand({ SnapshotId: String(input.SnapshotId), Attribute: 'createVolumePermission' }));
          const now = (read.CreateVolumePermissions ?? []).map((p) => p.Group ?? p.UserId ?? '');
          const planned = [...((input.GroupNames as string[] | undefined) ?? []), ...((input.UserIds as string[] | undefined) ?? [])];
          return sharingVerdict(planned, now);
        }
        case 'unshare-image': {
          const read = await ec2(call.region).send(new DescribeImageAttributeCommand({ ImageId: String(input.ImageId), Attribute: 'launchPermission' }));
          const now = (read.LaunchPermissions ?? []).map((p) => p.Group ?? p.UserId ?? '');
          const planned = ((input.LaunchPermission as { Remove?: { Group?: string; UserId?: string }[] }).Remove ?? []).map((p) => p.Group ?? p.UserId ?? '');
          return sharingVerdict(planned, now);
        }
        default:
          // A new quarantine group has nothing to re-read.
          return { verdict: 'unchanged' };
      }
    } catch (error) {
      if (gone(error)) return { verdict: 'changed', detail: `it no longer exists (${errorCode(error)})` };
      throw error;
    }
  };
}

function sharingVerdict(planned: readonly string[], now: readonly string[]): DriftCheck {
  const still = planned.filter((p) => now.includes(p));
  const state = { sharedWith: [...now] };
  return still.length ? { verdict: 'unchanged', state } : { verdict: 'resolved', detail: 'it is no longer shared with them', state };
}

async function instanceDrift(step: PlannedStep, verb: string, client: EC2Client): Promise<DriftCheck> {
  const input = step.calls[0]!.input as Record<string, unknown>;
  const id = typeof input.InstanceId === 'string' ? input.InstanceId : ((input.InstanceIds as string[] | undefined)?.[0] ?? step.key.split(':').at(-1) ?? '');
  const read = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = read.Reservations?.flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === id);
  if (!instance) return { verdict: 'changed', detail: `instance ${id} is no longer listed` };
  const stateName = instance.State?.Name ?? 'unknown';
  const groups = (instance.SecurityGroups ?? []).map((g) => g.GroupId ?? '').sort();
  const volumes = (instance.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId ?? '').filter(Boolean).sort();
  const state = { state: stateName, securityGroupIds: groups, volumeIds: volumes };
  if (stateName === 'terminated' || stateName === 'shutting-down') return { verdict: 'changed', detail: `instance ${id} is ${stateName}`, state };
  if (verb === 'stop-instance' && (stateName === 'stopped' || stateName === 'stopping')) return { verdict: 'resolved', detail: `instance ${id} is ${stateName} already`, state };
  if (verb === 'snapshot-instance') {
    const planned = step.calls.map((c) => String(c.input.VolumeId));
    const missing = planned.filter((v) => !volumes.includes(v));
    if (missing.length) return { verdict: 'changed', detail: `volume ${missing.join(', ')} is no longer attached`, state };
  }
  if (verb === 'quarantine-instance') {
    const before = [...((step.undo?.[0]?.input.Groups as string[] | undefined) ?? [])].sort();
    if (before.join(',') !== groups.join(',')) return { verdict: 'changed', detail: `its security groups are ${groups.join(', ') || 'none'}, not ${before.join(', ')} as planned`, state };
  }
  return { verdict: 'unchanged', state };
}
