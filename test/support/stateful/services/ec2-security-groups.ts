/**
 * Stateful EC2 security groups for the local AWS look-alike: DescribeSecurityGroups answers from
 * the state, and Authorize/Revoke Ingress/Egress change it as EC2 does (a revoke removes only the
 * sources it names; a rule left without sources disappears; unknown rules are an error).
 */
import { createHash } from 'node:crypto';
import { ec2Error, ec2Result, type FakeHandler } from '../../fake-aws.js';
import { members, xmlEscape } from '../params.js';
import type { StatefulService, World } from '../world.js';

export interface GroupRule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4: string[];
  ipv6: string[];
  groups: string[];
}

export interface StatefulGroup {
  id: string;
  name: string;
  vpcId: string;
  inbound: GroupRule[];
  outbound: GroupRule[];
}

export interface Ec2State {
  owner: string;
  /** By region. */
  groups: Record<string, StatefulGroup[]>;
  /** Network interfaces per group id, by region. */
  interfaces?: Record<string, Record<string, number>>;
  /** VPCs with an IPv6 block: a new group there also allows all IPv6 egress, as in EC2. */
  ipv6Vpcs?: string[];
}

/**
 * The id EC2 gives one (permission, source) pair, made up deterministically from what it is, so a
 * scripted CloudTrail event can name the same id the rules read answers with.
 */
export function ruleIdOf(groupId: string, egress: boolean, rule: Pick<GroupRule, 'protocol' | 'fromPort' | 'toPort'>, source: string): string {
  return `sgr-${createHash('sha256').update([groupId, egress, rule.protocol, rule.fromPort ?? -1, rule.toPort ?? -1, source].join('|')).digest('hex').slice(0, 17)}`;
}

/** Every (rule, source) pair of a group as DescribeSecurityGroupRules and Authorize answers list them. */
function ruleItems(owner: string, group: StatefulGroup, egress: boolean, rules: readonly GroupRule[]): string {
  return rules
    .flatMap((r) => {
      const ports = `<fromPort>${r.fromPort ?? -1}</fromPort><toPort>${r.toPort ?? -1}</toPort>`;
      const head = (source: string) => `<securityGroupRuleId>${ruleIdOf(group.id, egress, r, source)}</securityGroupRuleId><groupId>${group.id}</groupId><groupOwnerId>${owner}</groupOwnerId><isEgress>${egress}</isEgress><ipProtocol>${r.protocol}</ipProtocol>${ports}`;
      return [
        ...r.ipv4.map((c) => `<item>${head(c)}<cidrIpv4>${xmlEscape(c)}</cidrIpv4></item>`),
        ...r.ipv6.map((c) => `<item>${head(c)}<cidrIpv6>${xmlEscape(c)}</cidrIpv6></item>`),
        ...r.groups.map((g) => `<item>${head(g)}<referencedGroupInfo><groupId>${g}</groupId><userId>${owner}</userId></referencedGroupInfo></item>`),
      ];
    })
    .join('');
}

/** `Filter.N.Name=group-id` values, when a describe call is narrowed by them. */
function groupIdFilter(params: URLSearchParams): Set<string> | undefined {
  const filter = members(params, 'Filter').find((f) => f.get('Name') === 'group-id');
  const ids = [...params].filter(([k]) => /^GroupId\.\d+$/.test(k)).map(([, v]) => v);
  const fromValues = filter ? [...filter].filter(([k]) => /^Value\.\d+$/.test(k)).map(([, v]) => v) : [];
  const all = [...ids, ...fromValues].filter(Boolean);
  return all.length ? new Set(all) : undefined;
}

const sameRule = (a: GroupRule, b: Pick<GroupRule, 'protocol' | 'fromPort' | 'toPort'>) => a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort;

function parsePermissions(params: URLSearchParams): GroupRule[] {
  return members(params, 'IpPermissions').map((p) => {
    const protocol = p.get('IpProtocol') ?? '-1';
    const from = p.get('FromPort');
    const to = p.get('ToPort');
    return {
      protocol,
      ...(from !== null && protocol !== '-1' ? { fromPort: Number(from) } : {}),
      ...(to !== null && protocol !== '-1' ? { toPort: Number(to) } : {}),
      ipv4: members(p, 'IpRanges').map((r) => r.get('CidrIp') ?? ''),
      ipv6: members(p, 'Ipv6Ranges').map((r) => r.get('CidrIpv6') ?? ''),
      groups: members(p, 'Groups').map((r) => r.get('GroupId') ?? ''),
    };
  });
}

function ruleXml(rule: GroupRule, owner: string): string {
  const ports = rule.fromPort !== undefined ? `<fromPort>${rule.fromPort}</fromPort><toPort>${rule.toPort}</toPort>` : '';
  const items = (list: string[], tag: string) => list.map((v) => `<item><${tag}>${xmlEscape(v)}</${tag}></item>`).join('');
  return `<item><ipProtocol>${rule.protocol}</ipProtocol>${ports}<groups>${rule.groups.map((g) => `<item><groupId>${g}</groupId><userId>${owner}</userId></item>`).join('')}</groups><ipRanges>${items(rule.ipv4, 'cidrIp')}</ipRanges><ipv6Ranges>${items(rule.ipv6, 'cidrIpv6')}</ipv6Ranges><prefixListIds/></item>`;
}

function change(rules: GroupRule[], permissions: GroupRule[], verb: 'Authorize' | 'Revoke'): string | undefined {
  for (const p of permissions) {
    const existing = rules.find((r) => sameRule(r, p));
    if (verb === 'Authorize') {
      if (existing && [...p.ipv4.filter((c) => existing.ipv4.includes(c)), ...p.ipv6.filter((c) => existing.ipv6.includes(c))].length) return 'InvalidPermission.Duplicate';
      if (existing) {
        existing.ipv4.push(...p.ipv4);
        existing.ipv6.push(...p.ipv6);
        existing.groups.push(...p.groups);
      } else rules.push({ ...p, ipv4: [...p.ipv4], ipv6: [...p.ipv6], groups: [...p.groups] });
      continue;
    }
    const all = [...p.ipv4.map((c) => existing?.ipv4.includes(c)), ...p.ipv6.map((c) => existing?.ipv6.includes(c)), ...p.groups.map((g) => existing?.groups.includes(g))];
    if (!existing || all.some((found) => !found)) return 'InvalidPermission.NotFound';
    existing.ipv4 = existing.ipv4.filter((c) => !p.ipv4.includes(c));
    existing.ipv6 = existing.ipv6.filter((c) => !p.ipv6.includes(c));
    existing.groups = existing.groups.filter((g) => !p.groups.includes(g));
    if (existing.ipv4.length + existing.ipv6.length + existing.groups.length === 0) rules.splice(rules.indexOf(existing), 1);
  }
  return undefined;
}

export function statefulEc2(state: Ec2State): FakeHandler {
  return (request) => {
    if (request.service !== 'ec2') return undefined;
    const groups = state.groups[request.region] ?? [];
    const op = request.action;
    if (op === 'DescribeSecurityGroups') {
      const only = groupIdFilter(request.params);
      const items = groups
        .filter((g) => !only || only.has(g.id))
        .map((g) => `<item><ownerId>${state.owner}</ownerId><groupId>${g.id}</groupId><groupName>${xmlEscape(g.name)}</groupName><groupDescription>stateful</groupDescription><vpcId>${g.vpcId}</vpcId><ipPermissions>${g.inbound.map((r) => ruleXml(r, state.owner)).join('')}</ipPermissions><ipPermissionsEgress>${g.outbound.map((r) => ruleXml(r, state.owner)).join('')}</ipPermissionsEgress><tagSet/></item>`)
        .join('');
      return ec2Result(op, `<securityGroupInfo>${items}</securityGroupInfo>`);
    }
    if (op === 'DescribeNetworkInterfaces') {
      const counts = Object.entries(state.interfaces?.[request.region] ?? {});
      const items = counts.flatMap(([groupId, n]) => Array.from({ length: n }, (_, i) => `<item><networkInterfaceId>eni-${groupId}-${i}</networkInterfaceId><groupSet><item><groupId>${groupId}</groupId><groupName>g</groupName></item></groupSet></item>`)).join('');
      return ec2Result(op, `<networkInterfaceSet>${items}</networkInterfaceSet>`);
    }
    if (op === 'DescribeSecurityGroupRules') {
      const only = groupIdFilter(request.params);
      const items = groups.filter((g) => !only || only.has(g.id)).map((g) => ruleItems(state.owner, g, false, g.inbound) + ruleItems(state.owner, g, true, g.outbound)).join('');
      return ec2Result(op, `<securityGroupRuleSet>${items}</securityGroupRuleSet>`);
    }
    if (op === 'CreateSecurityGroup') {
      const name = request.params.get('GroupName') ?? '';
      const vpcId = request.params.get('VpcId') ?? 'vpc-0default';
      if (groups.some((g) => g.name === name && g.vpcId === vpcId)) return ec2Error(400, 'InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
      const id = `sg-${createHash('sha256').update(`${request.region}|${vpcId}|${name}`).digest('hex').slice(0, 17)}`;
      // EC2 gives every new group one outbound rule allowing everything (over IPv6 too where the VPC has a block).
      const ipv6 = state.ipv6Vpcs?.includes(vpcId) ? ['::/0'] : [];
      (state.groups[request.region] ??= groups).push({ id, name, vpcId, inbound: [], outbound: [{ protocol: '-1', ipv4: ['0.0.0.0/0'], ipv6, groups: [] }] });
      return ec2Result(op, `<return>true</return><groupId>${id}</groupId>`);
    }
    const m = /^(Authorize|Revoke)SecurityGroup(Ingress|Egress)$/.exec(op);
    if (!m) return undefined;
    const group = groups.find((g) => g.id === request.params.get('GroupId'));
    if (!group) return ec2Error(400, 'InvalidGroup.NotFound', `The security group '${request.params.get('GroupId') ?? ''}' does not exist`);
    const permissions = parsePermissions(request.params);
    const error = change(m[2] === 'Ingress' ? group.inbound : group.outbound, permissions, m[1] as 'Authorize' | 'Revoke');
    if (error) return ec2Error(400, error, `${op}: ${error}`);
    // Authorize answers with the rules it made, as EC2 does.
    const made = m[1] === 'Authorize' ? `<securityGroupRuleSet>${ruleItems(state.owner, group, m[2] === 'Egress', permissions)}</securityGroupRuleSet>` : '';
    return ec2Result(op, `<return>true</return>${made}`);
  };
}

/** The groups of the shared look-alike, when a test seeded `ec2SecurityGroups`. */
export function securityGroupsState(world: World): Ec2State | undefined {
  return world.section('ec2SecurityGroups', (seed) => (seed ? { owner: world.account, ...structuredClone(seed as Omit<Ec2State, 'owner'>) } : undefined));
}

/** In the shared look-alike: answers only when a test seeds `ec2SecurityGroups` (groups by region, interfaces). */
const service: StatefulService = {
  name: 'ec2-security-groups',
  handle(request, world) {
    const state = securityGroupsState(world);
    if (!state) return undefined;
    const action = `ec2:${request.action}`;
    if (request.service === 'ec2' && world.isDenied(action)) return ec2Error(403, 'UnauthorizedOperation', `You are not authorized to perform: ${action}`);
    const answer = statefulEc2(state)(request);
    if (answer && /^(Authorize|Revoke|Create)/.test(request.action) && (answer.status ?? 200) === 200) world.record(action, Object.fromEntries(request.params));
    return answer;
  },
};
export default service;
