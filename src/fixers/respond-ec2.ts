/**
 * EC2 containment steps for `bulwark respond --contain`: snapshot an instance's volumes (evidence,
 * first), stop it (never terminate), move it to a quarantine group that lets nothing in or out,
 * and take back the public or foreign sharing of snapshots and AMIs.
 */
import { outputRef, type FixCall, type FixStep } from '../core/fix-plan.js';

export const RESPOND_EC2_ACTIONS = [
  'ec2:CreateSnapshot',
  'ec2:StopInstances',
  'ec2:StartInstances',
  'ec2:CreateSecurityGroup',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifySnapshotAttribute',
  'ec2:ModifyImageAttribute',
] as const;

/** Not a call of its own: IAM asks for it when CreateSnapshot tags the snapshot it makes. */
export const RESPOND_EC2_TAG_PERMISSIONS = ['ec2:CreateTags'] as const;

export const QUARANTINE_GROUP_PREFIX = 'bulwark-quarantine';

/** One snapshot per volume, tagged so the evidence is found again; billed per GB-month stored. */
export function snapshotVolumes(instanceId: string, volumeIds: readonly string[], region: string, now: Date): FixStep {
  const tags = [{ ResourceType: 'snapshot', Tags: [{ Key: 'bulwark:evidence', Value: instanceId }, { Key: 'bulwark:taken', Value: now.toISOString() }] }];
  return {
    key: `respond:snapshot-instance:${region}:${instanceId}`,
    title: `Snapshot the ${volumeIds.length === 1 ? 'volume' : `${volumeIds.length} volumes`} of instance ${instanceId} (evidence)`,
    before: `volumes ${volumeIds.join(', ')} as the intruder left them`,
    after: `one snapshot per volume, tagged bulwark:evidence=${instanceId}`,
    calls: volumeIds.map((VolumeId): FixCall => ({ action: 'ec2:CreateSnapshot', region, input: { VolumeId, Description: `Bulwark respond evidence: ${VolumeId} of ${instanceId}`, TagSpecifications: tags } })),
    risk: 'costs-money',
    riskNote: 'EBS snapshot storage is billed per GB-month until you delete the snapshots; not undone by --undo (they are the evidence)',
  };
}

export function stopInstance(instanceId: string, region: string, dependsOn: readonly string[]): FixStep {
  const call = (verb: 'Stop' | 'Start'): FixCall => ({ action: `ec2:${verb}Instances`, region, input: { InstanceIds: [instanceId] } });
  return {
    key: `respond:stop-instance:${region}:${instanceId}`,
    title: `Stop instance ${instanceId} (never terminate)`,
    before: 'running',
    after: 'stopped: EBS volumes kept, nothing runs, compute no longer billed',
    calls: [call('Stop')],
    undo: [call('Start')],
    risk: 'may-disrupt',
    riskNote: 'memory and instance-store volumes are lost on stop; its EBS volumes are snapshotted first',
    ...(dependsOn.length ? { dependsOn } : {}),
  };
}

/** A group in the VPC with no inbound rule and, once its default egress rule is revoked, no outbound rule. */
export function quarantineGroup(vpcId: string, region: string, now: Date): FixStep {
  const key = `respond:quarantine-group:${region}:${vpcId}`;
  const name = `${QUARANTINE_GROUP_PREFIX}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
  return {
    key,
    title: `Create quarantine security group ${name} in ${vpcId}`,
    before: 'no quarantine group',
    after: `${name}: no inbound and no outbound rule`,
    calls: [
      { action: 'ec2:CreateSecurityGroup', region, input: { GroupName: name, Description: 'Bulwark respond quarantine: no traffic in or out', VpcId: vpcId }, capture: ['GroupId'] },
      { action: 'ec2:RevokeSecurityGroupEgress', region, input: { GroupId: outputRef(key, 'GroupId'), IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } },
      // In a VPC with an IPv6 block the new group also allows all IPv6 egress; elsewhere there is no such rule to revoke.
      { action: 'ec2:RevokeSecurityGroupEgress', region, input: { GroupId: outputRef(key, 'GroupId'), IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }, tolerate: ['InvalidPermission.NotFound'] },
    ],
    risk: 'safe',
    riskNote: 'an empty group is left in the VPC after --undo (delete it by hand when the investigation is over)',
  };
}

export function quarantineInstance(instanceId: string, groupIds: readonly string[], region: string, groupStep: string): FixStep {
  return {
    key: `respond:quarantine-instance:${region}:${instanceId}`,
    title: `Move instance ${instanceId} to the quarantine group`,
    before: `security groups ${groupIds.join(', ') || '(none read)'}`,
    after: 'only the quarantine group: no traffic in or out',
    calls: [{ action: 'ec2:ModifyInstanceAttribute', region, input: { InstanceId: instanceId, Groups: [outputRef(groupStep, 'GroupId')] } }],
    undo: [{ action: 'ec2:ModifyInstanceAttribute', region, input: { InstanceId: instanceId, Groups: [...groupIds] } }],
    risk: 'may-disrupt',
    riskNote: 'every connection of the instance is cut',
    dependsOn: [groupStep],
  };
}

/** Who can use a snapshot or AMI beyond the account: `all` (public) and foreign account ids. */
export interface Sharing {
  readonly public: boolean;
  readonly accounts: readonly string[];
}

const sharedWith = (s: Sharing) => [...(s.public ? ['everyone (public)'] : []), ...s.accounts.map((a) => `account ${a}`)].join(', ');

export function unshareSnapshotFrom(snapshotId: string, sharing: Sharing, region: string): FixStep {
  const call = (OperationType: 'add' | 'remove'): FixCall => ({
    action: 'ec2:ModifySnapshotAttribute',
    region,
    input: { SnapshotId: snapshotId, Attribute: 'createVolumePermission', OperationType, ...(sharing.public ? { GroupNames: ['all'] } : {}), ...(sharing.accounts.length ? { UserIds: [...sharing.accounts] } : {}) },
  });
  return {
    key: `respond:unshare-snapshot:${region}:${snapshotId}`,
    title: `Stop sharing EBS snapshot ${snapshotId}`,
    before: `shared with ${sharedWith(sharing)}`,
    after: 'only this account can create volumes from it',
    calls: [call('remove')],
    undo: [call('add')],
    risk: 'safe',
    riskNote: 'a copy already made by another account stays theirs',
  };
}

export function unshareImageFrom(imageId: string, sharing: Sharing, region: string): FixStep {
  const permissions = [...(sharing.public ? [{ Group: 'all' }] : []), ...sharing.accounts.map((UserId) => ({ UserId }))];
  const call = (verb: 'Add' | 'Remove'): FixCall => ({ action: 'ec2:ModifyImageAttribute', region, input: { ImageId: imageId, LaunchPermission: { [verb]: permissions } } });
  return {
    key: `respond:unshare-image:${region}:${imageId}`,
    title: `Stop sharing AMI ${imageId}`,
    before: `launchable by ${sharedWith(sharing)}`,
    after: 'only this account can launch it',
    calls: [call('Remove')],
    undo: [call('Add')],
    risk: 'safe',
    riskNote: 'a copy already made by another account stays theirs',
  };
}
