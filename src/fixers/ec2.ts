/**
 * EC2 write steps: security group rules, snapshot and image sharing, snapshot block public access.
 * Steps are keyed by exactly what they change (group, permission, which sources), so two checks
 * that flag the same rule (admin ports and risky ports, say) plan one shared step.
 */
import type { FixCall, FixContext, FixStep } from '../core/fix-plan.js';
import type { Ec2SecurityGroup, Ec2SecurityGroupRule } from '../inventory/schema.js';
import { describePorts, WORLD_CIDRS } from '../lib/network.js';
import { plural } from '../lib/text.js';

type Direction = 'ingress' | 'egress';

/** The actions of the security group steps (revoke world ranges, --allow-cidr, emptying default groups). */
export const SECURITY_GROUP_ACTIONS = ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress'];
export const SNAPSHOT_ACTIONS = ['ec2:ModifySnapshotAttribute', 'ec2:EnableSnapshotBlockPublicAccess', 'ec2:DisableSnapshotBlockPublicAccess'];
export const IMAGE_ACTIONS = ['ec2:ModifyImageAttribute'];

/** The SDK IpPermission for a rule, limited to the sources given. */
function ipPermission(rule: Ec2SecurityGroupRule, sources: { ipv4?: readonly string[]; ipv6?: readonly string[]; prefixLists?: readonly string[]; groups?: readonly string[] }) {
  return {
    IpProtocol: rule.protocol,
    ...(rule.protocol === '-1' ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort }),
    ...(sources.ipv4?.length ? { IpRanges: sources.ipv4.map((CidrIp) => ({ CidrIp })) } : {}),
    ...(sources.ipv6?.length ? { Ipv6Ranges: sources.ipv6.map((CidrIpv6) => ({ CidrIpv6 })) } : {}),
    ...(sources.prefixLists?.length ? { PrefixListIds: sources.prefixLists.map((PrefixListId) => ({ PrefixListId })) } : {}),
    ...(sources.groups?.length ? { UserIdGroupPairs: sources.groups.map((GroupId) => ({ GroupId })) } : {}),
  };
}

function ruleCall(verb: 'Revoke' | 'Authorize', direction: Direction, groupId: string, permissions: object[], region: string): FixCall {
  const operation = `${verb}SecurityGroup${direction === 'ingress' ? 'Ingress' : 'Egress'}`;
  return { action: `ec2:${operation}`, input: { GroupId: groupId, IpPermissions: permissions }, region };
}

const signature = (rule: Ec2SecurityGroupRule) => `${rule.protocol}:${rule.fromPort ?? ''}-${rule.toPort ?? ''}`;
const isDefaultGroup = (group: Ec2SecurityGroup) => group.groupName === 'default' && Boolean(group.vpcId);

/** What uses a group, for an honest risk label: interfaces when they were read, else running instances. */
export function groupUse(group: Ec2SecurityGroup, context: FixContext): { count: number; words: string } | undefined {
  const interfaces = context.inventory.ec2.securityGroupUse?.[context.region];
  if (interfaces?.status === 'collected') {
    const count = interfaces.value[group.groupId] ?? 0;
    return count ? { count, words: `${plural(count, 'network interface')} use${count === 1 ? 's' : ''} ${group.groupId}` } : undefined;
  }
  const instances = context.inventory.ec2.instances?.[context.region];
  if (instances?.status !== 'collected') return { count: -1, words: `what uses ${group.groupId} could not be read (grant ec2:DescribeNetworkInterfaces)` };
  const running = instances.value.filter((i) => i.state === 'running' && i.securityGroupIds.includes(group.groupId)).length;
  return running ? { count: running, words: `${plural(running, 'running instance')} use${running === 1 ? 's' : ''} ${group.groupId}` } : undefined;
}

/**
 * Removes only 0.0.0.0/0 and ::/0 from one inbound rule; its other sources stay. With `--allow-cidr`
 * (never in a default group, which should stay empty) that range is let in instead.
 */
export function revokeWorldIngress(group: Ec2SecurityGroup, rule: Ec2SecurityGroupRule, context: FixContext): FixStep {
  const ipv4 = rule.ipv4Ranges.filter((c) => WORLD_CIDRS.has(c));
  const ipv6 = rule.ipv6Ranges.filter((c) => WORLD_CIDRS.has(c));
  const ports = describePorts(rule);
  const allow = isDefaultGroup(group) ? undefined : context.inputs.allowCidr;
  const allowIsV6 = allow?.includes(':') ?? false;
  const alreadyAllowed = allow !== undefined && (allowIsV6 ? rule.ipv6Ranges : rule.ipv4Ranges).includes(allow);
  const replacement = allow && !alreadyAllowed ? ipPermission(rule, allowIsV6 ? { ipv6: [allow] } : { ipv4: [allow] }) : undefined;
  const world = ipPermission(rule, { ipv4, ipv6 });
  const others = [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter((c) => !WORLD_CIDRS.has(c)).length + rule.prefixListIds.length + rule.referencedGroupIds.length;
  const use = groupUse(group, context);
  return {
    key: `ec2:revoke-world-ingress:${context.region}:${group.groupId}:${signature(rule)}`,
    title: `Close ${ports} of security group ${group.groupId} (${group.groupName}) to the internet`,
    before: `${ports} open to ${[...ipv4, ...ipv6].join(' and ')}${others ? ` and ${plural(others, 'other source')}` : ''}`,
    after: `${ports} open to ${allow ? (alreadyAllowed ? `${allow} (already allowed)` : allow) : 'no internet range'}${others ? `; ${plural(others, 'other source')} unchanged` : ''}`,
    calls: [...(replacement ? [ruleCall('Authorize', 'ingress', group.groupId, [replacement], context.region)] : []), ruleCall('Revoke', 'ingress', group.groupId, [world], context.region)],
    undo: [ruleCall('Authorize', 'ingress', group.groupId, [world], context.region), ...(replacement ? [ruleCall('Revoke', 'ingress', group.groupId, [replacement], context.region)] : [])],
    ...(use
      ? { risk: 'may-disrupt' as const, riskNote: `${use.words}: anyone reaching ${ports} from outside ${allow ?? 'the VPC and the other sources'} is cut off` }
      : { risk: 'safe' as const }),
  };
}

/** The world-open inbound rules of a group that a check flags (the check's own predicate). */
export function revokeWorldRules(group: Ec2SecurityGroup, offending: (rule: Ec2SecurityGroupRule) => boolean, context: FixContext): FixStep[] {
  return group.inbound.filter((rule) => [...rule.ipv4Ranges, ...rule.ipv6Ranges].some((c) => WORLD_CIDRS.has(c)) && offending(rule)).map((rule) => revokeWorldIngress(group, rule, context));
}

/**
 * Empties a default group: the internet part of each inbound rule through the shared step above,
 * then every other source and every outbound rule in one step that depends on those.
 */
export function emptyDefaultGroup(group: Ec2SecurityGroup, context: FixContext): FixStep[] {
  const worldSteps = revokeWorldRules(group, () => true, context);
  const rest = (rule: Ec2SecurityGroupRule) => ({
    ipv4: rule.ipv4Ranges.filter((c) => !WORLD_CIDRS.has(c)),
    ipv6: rule.ipv6Ranges.filter((c) => !WORLD_CIDRS.has(c)),
    prefixLists: rule.prefixListIds,
    groups: rule.referencedGroupIds,
  });
  const hasSources = (s: ReturnType<typeof rest>) => s.ipv4.length + s.ipv6.length + s.prefixLists.length + s.groups.length > 0;
  const inbound = group.inbound.filter((rule) => hasSources(rest(rule))).map((rule) => ipPermission(rule, rest(rule)));
  const outbound = group.outbound.map((rule) => ipPermission(rule, { ipv4: rule.ipv4Ranges, ipv6: rule.ipv6Ranges, prefixLists: rule.prefixListIds, groups: rule.referencedGroupIds }));
  if (!inbound.length && !outbound.length) return worldSteps;
  const describe = (rules: Ec2SecurityGroupRule[], label: string) => (rules.length ? [`${label} ${rules.map(describePorts).join(', ')}`] : []);
  const use = groupUse(group, context);
  const remaining: FixStep = {
    key: `ec2:empty-default-group:${context.region}:${group.groupId}`,
    title: `Remove the remaining rules of default security group ${group.groupId} (${group.vpcId})`,
    before: [...describe(group.inbound.filter((r) => hasSources(rest(r))), 'inbound'), ...describe(group.outbound, 'outbound')].join('; '),
    after: 'no rules: the group lets nothing in or out',
    calls: [
      ...(inbound.length ? [ruleCall('Revoke', 'ingress', group.groupId, inbound, context.region)] : []),
      ...(outbound.length ? [ruleCall('Revoke', 'egress', group.groupId, outbound, context.region)] : []),
    ],
    undo: [
      ...(inbound.length ? [ruleCall('Authorize', 'ingress', group.groupId, inbound, context.region)] : []),
      ...(outbound.length ? [ruleCall('Authorize', 'egress', group.groupId, outbound, context.region)] : []),
    ],
    ...(use
      ? { risk: 'may-disrupt' as const, riskNote: `${use.words}: they lose every connection this group allowed (move them to purpose-made groups first)` }
      : { risk: 'safe' as const, riskNote: 'nothing uses this group' }),
    ...(worldSteps.length ? { dependsOn: worldSteps.map((s) => s.key) } : {}),
  };
  return [...worldSteps, remaining];
}

const UNSHARE_NOTE = 'accounts that use it through public access lose it; share it with named accounts if that was intended';

export function unshareSnapshot(snapshotId: string, region: string): FixStep {
  const call = (OperationType: 'add' | 'remove'): FixCall => ({
    action: 'ec2:ModifySnapshotAttribute',
    input: { SnapshotId: snapshotId, Attribute: 'createVolumePermission', OperationType, GroupNames: ['all'] },
    region,
  });
  return { key: `ec2:unshare-snapshot:${region}:${snapshotId}`, title: `Make EBS snapshot ${snapshotId} private`, before: 'anyone can create a volume from it', after: 'only this account and accounts named in its permissions', calls: [call('remove')], undo: [call('add')], risk: 'may-disrupt', riskNote: UNSHARE_NOTE };
}

export function unshareImage(imageId: string, region: string): FixStep {
  const call = (verb: 'Add' | 'Remove'): FixCall => ({ action: 'ec2:ModifyImageAttribute', input: { ImageId: imageId, LaunchPermission: { [verb]: [{ Group: 'all' }] } }, region });
  return { key: `ec2:unshare-image:${region}:${imageId}`, title: `Make AMI ${imageId} private`, before: 'anyone can launch it', after: 'only this account and accounts named in its launch permissions', calls: [call('Remove')], undo: [call('Add')], risk: 'may-disrupt', riskNote: UNSHARE_NOTE };
}

/** Turns on EBS snapshot block public access for the region; undo goes back to the state read at plan time. */
export function blockSnapshotPublicAccess(context: FixContext): FixStep | undefined {
  const region = context.region;
  const fact = context.inventory.ec2.snapshotBlockPublicAccess?.[region];
  const state = fact?.status === 'collected' ? fact.value : undefined;
  if (state === 'block-all-sharing') return undefined;
  const enable = (State: string): FixCall => ({ action: 'ec2:EnableSnapshotBlockPublicAccess', input: { State }, region });
  const undo = state === undefined ? undefined : state === 'unblocked' ? [{ action: 'ec2:DisableSnapshotBlockPublicAccess', input: {}, region }] : [enable(state)];
  return {
    key: `ec2:block-snapshot-public-access:${region}`,
    title: `Turn on EBS snapshot block public access in ${region}`,
    before: state ?? 'unknown (ec2:GetSnapshotBlockPublicAccessState could not be read, so this step cannot be undone)',
    after: 'block-all-sharing: no snapshot of the region can be public',
    calls: [enable('block-all-sharing')],
    ...(undo ? { undo } : {}),
    risk: 'may-disrupt',
    riskNote: 'every snapshot of the region stops being public, not only the ones listed here',
  };
}

/**
 * Drift for a group: its rules without the internet ranges. The plan's own steps remove those one
 * rule at a time, so a later step of the same group must not see the earlier ones as drift; any
 * other change (a rule or source added or removed by someone else) still is.
 */
export function groupFingerprint(group: Ec2SecurityGroup) {
  const keep = (rules: Ec2SecurityGroupRule[]) =>
    rules
      .map((r) => ({ ...r, ipv4Ranges: r.ipv4Ranges.filter((c) => !WORLD_CIDRS.has(c)), ipv6Ranges: r.ipv6Ranges.filter((c) => !WORLD_CIDRS.has(c)) }))
      .filter((r) => r.ipv4Ranges.length + r.ipv6Ranges.length + r.prefixListIds.length + r.referencedGroupIds.length > 0);
  return { groupId: group.groupId, inbound: keep(group.inbound) };
}
