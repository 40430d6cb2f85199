/**
 * Security groups and rules opened since T in one region. EC2 keeps no creation date for either,
 * so CloudTrail dates them (CreateSecurityGroup, AuthorizeSecurityGroupIngress/Egress since T)
 * and the live rules say which still exist: a rule opened and revoked again is not listed.
 */
import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import type { CloudTrailRecord } from '../../logs/records.js';
import type { Provenance } from './provenance.js';
import { attempt, emptyResult, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { actorOf } from '../../detect/alert.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const securityGroupReader: ScopeReader = {
  name: 'ec2 security groups',
  scope: 'regional',
  operations: ['ec2:DescribeSecurityGroupRules', 'ec2:DescribeSecurityGroups'],
  read: readSecurityGroups,
};

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown, fallback = ''): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : fallback);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(obj(v).items) ? (obj(v).items as unknown[]).map(obj) : []);

/** `tcp/22`, `udp/1000-2000`, `all traffic`. */
export function portsOf(protocol: string | undefined, from: number | undefined, to: number | undefined): string {
  if (!protocol || protocol === '-1') return 'all traffic';
  const name = { '6': 'tcp', '17': 'udp', '1': 'icmp' }[protocol] ?? protocol;
  if (from === undefined || from === -1) return `${name}/all`;
  return from === to ? `${name}/${from}` : `${name}/${from}-${to ?? from}`;
}

/** What a rule is, to match it with the permission an Authorize call named when the record lists no rule ids. */
const shape = (groupId: string, egress: boolean, protocol: string, from: number | undefined, to: number | undefined, cidr: string) => [groupId, egress, protocol, from ?? -1, to ?? -1, cidr].join('|');

function authorizedShapes(record: CloudTrailRecord): string[] {
  const q = obj(record.requestParameters);
  const egress = record.eventName === 'AuthorizeSecurityGroupEgress';
  const groupId = typeof q.groupId === 'string' ? q.groupId : '';
  return list(q.ipPermissions).flatMap((p) => {
    const protocol = text(p.ipProtocol, '-1');
    const from = typeof p.fromPort === 'number' ? p.fromPort : undefined;
    const to = typeof p.toPort === 'number' ? p.toPort : undefined;
    const cidrs = [...list(p.ipRanges).map((r) => text(r.cidrIp)), ...list(p.ipv6Ranges).map((r) => text(r.cidrIpv6))];
    return cidrs.map((c) => shape(groupId, egress, protocol, from, to, c));
  });
}

interface Opening {
  readonly record: CloudTrailRecord;
}

function openings(provenance: Provenance, region: string): { byRuleId: Map<string, Opening>; byShape: Map<string, Opening>; groups: Map<string, Opening> } {
  const byRuleId = new Map<string, Opening>();
  const byShape = new Map<string, Opening>();
  for (const record of provenance.events(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress'], region)) {
    for (const r of list(obj(record.responseElements).securityGroupRuleSet)) if (typeof r.securityGroupRuleId === 'string') byRuleId.set(r.securityGroupRuleId, { record });
    for (const s of authorizedShapes(record)) byShape.set(s, { record });
  }
  const groups = new Map<string, Opening>();
  for (const record of provenance.events(['CreateSecurityGroup'], region)) {
    const id = obj(record.responseElements).groupId;
    if (typeof id === 'string') groups.set(id, { record });
  }
  return { byRuleId, byShape, groups };
}

const who = (record: CloudTrailRecord) => ({ createdBy: actorOf(record).principal, ...(typeof record.eventID === 'string' ? { eventId: record.eventID } : {}), createdAt: new Date(Date.parse(record.eventTime as string)).toISOString() });

async function readSecurityGroups(context: ReadContext): Promise<ReadResult> {
  const { EC2Client, paginateDescribeSecurityGroupRules, paginateDescribeSecurityGroups } = awsSdk('ec2');
  const { region, account } = context;
  const client = context.aws.client('ec2', region, EC2Client);
  const result = emptyResult();
  const provenance = await context.provenance();
  const gap = provenance.gap(region);
  if (gap) {
    for (const kind of ['ec2-security-group', 'ec2-security-group-rule'] as const) result.unreadable.push({ kind, region, permission: 'cloudtrail:LookupEvents', reason: `EC2 keeps no creation date for security groups and rules, and CloudTrail could not be read here: ${gap}` });
    return result;
  }
  const { byRuleId, byShape, groups } = openings(provenance, region);
  if (!byRuleId.size && !byShape.size && !groups.size) return result;
  if (groups.size) {
    await attempt(result, ['ec2-security-group'], region, 'ec2:DescribeSecurityGroups', async () => {
      for await (const page of paginateDescribeSecurityGroups({ client, pageSize: 1000 }, { Filters: [{ Name: 'group-id', Values: [...groups.keys()] }] })) {
        for (const g of page.SecurityGroups ?? []) {
          const opened = g.GroupId ? groups.get(g.GroupId) : undefined;
          if (!opened || !g.GroupId) continue;
          const arn = `arn:${account.partition}:ec2:${region}:${account.id}:security-group/${g.GroupId}`;
          result.items.push(item({ kind: 'ec2-security-group', id: g.GroupId, arn, region, ...who(opened.record), detail: { name: g.GroupName ?? '', vpcId: g.VpcId ?? '' } }));
        }
      }
    });
  }
  await attempt(result, ['ec2-security-group-rule'], region, 'ec2:DescribeSecurityGroupRules', async () => {
    for await (const page of paginateDescribeSecurityGroupRules({ client, pageSize: 1000 }, {})) {
      for (const rule of page.SecurityGroupRules ?? []) {
        const opened = openingOf(rule, byRuleId, byShape, groups);
        if (!opened || !rule.SecurityGroupRuleId) continue;
        const cidr = rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.ReferencedGroupInfo?.GroupId ?? rule.PrefixListId ?? '';
        const ports = portsOf(rule.IpProtocol, rule.FromPort, rule.ToPort);
        const arn = `arn:${account.partition}:ec2:${region}:${account.id}:security-group-rule/${rule.SecurityGroupRuleId}`;
        result.items.push(
          item({
            kind: 'ec2-security-group-rule',
            id: rule.SecurityGroupRuleId,
            arn,
            region,
            ...who(opened.record),
            parent: rule.GroupId ?? '',
            notes: WORLD.has(cidr) && !rule.IsEgress ? [`${cidr} on ${ports}`] : [],
            detail: { groupId: rule.GroupId ?? '', isEgress: Boolean(rule.IsEgress), protocol: rule.IpProtocol ?? '-1', fromPort: rule.FromPort ?? -1, toPort: rule.ToPort ?? -1, source: cidr },
          }),
        );
      }
    }
  });
  return result;
}

function openingOf(rule: SecurityGroupRule, byRuleId: Map<string, Opening>, byShape: Map<string, Opening>, groups: Map<string, Opening>): Opening | undefined {
  const byId = rule.SecurityGroupRuleId ? byRuleId.get(rule.SecurityGroupRuleId) : undefined;
  if (byId) return byId;
  const cidr = rule.CidrIpv4 ?? rule.CidrIpv6 ?? '';
  const s = shape(rule.GroupId ?? '', Boolean(rule.IsEgress), rule.IpProtocol ?? '-1', rule.FromPort, rule.ToPort, cidr);
  const byShapeMatch = byShape.get(s);
  if (byShapeMatch) return byShapeMatch;
  // Every inbound rule of a group made since T is new with it (its default outbound rule is EC2's, not the maker's).
  return !rule.IsEgress && rule.GroupId ? groups.get(rule.GroupId) : undefined;
}
