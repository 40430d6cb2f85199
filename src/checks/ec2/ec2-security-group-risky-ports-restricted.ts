import { defineCheck, fail, pass } from '../../core/check.js';
import { describeSecurityGroup, reachableThrough, securityGroupsWithInstances } from '../../inventory/resources.js';
import { allowsEveryPort, allowsPort, describePorts, worldSources } from '../../lib/network.js';
import { PORT_NAMES } from '../../lib/ports.js';
import type { Ec2SecurityGroupRule } from '../../inventory/schema.js';
import { groupFingerprint, revokeWorldRules, SECURITY_GROUP_ACTIONS } from '../../fixers/ec2.js';

export default defineCheck({
  id: 'ec2-security-group-risky-ports-restricted',
  title: 'Security groups keep database, cache and management ports off the internet',
  service: 'ec2',
  severity: 'high',
  checklist: ['AS-31'],
  rationale:
    'Databases, caches, search clusters, Docker and file shares answer whoever reaches them, often without a password; scanners find them within hours and ransom or wipe the data.',
  remediation: {
    text: 'Allow these ports only from the security groups of the applications that use them, or from a VPN range; never from 0.0.0.0/0 or ::/0.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  needs: ['ec2.securityGroups', 'ec2.instances'],
  resources: securityGroupsWithInstances,
  describe: ({ group }, context) => describeSecurityGroup(group, context),
  evaluate({ group, instances }, { config }) {
    const label = `Security group ${group.groupId} (${group.groupName})`;
    const open = new Set(group.inbound.flatMap((rule) => riskyExposures(rule, config.network.riskyPorts)));
    if (open.size === 0) return pass(`${label} opens no database, cache or management port to the internet`);
    return fail(`${label} opens ${[...open].join(', ')} to the internet${reachableThrough(group, instances)}`);
  },
  fix: {
    actions: SECURITY_GROUP_ACTIONS,
    needs: ['ec2.securityGroupUse'],
    fingerprint: ({ group }) => groupFingerprint(group),
    plan: ({ group }, context) => revokeWorldRules(group, (rule) => riskyExposures(rule, context.config.network.riskyPorts).length > 0, context),
  },
});

function riskyExposures(rule: Ec2SecurityGroupRule, riskyPorts: readonly number[]): string[] {
  if (worldSources(rule).length === 0) return [];
  if (allowsEveryPort(rule)) return [`every port (${describePorts(rule)})`];
  return riskyPorts.flatMap((port) =>
    (['tcp', 'udp'] as const).filter((protocol) => allowsPort(rule, protocol, port)).map((protocol) => `${port}/${protocol}${PORT_NAMES[port] ? ` (${PORT_NAMES[port]})` : ''}`),
  );
}
