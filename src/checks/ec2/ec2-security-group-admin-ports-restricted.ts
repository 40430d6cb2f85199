import { defineCheck, fail, pass } from '../../core/check.js';
import { describeSecurityGroup, reachableThrough, securityGroupsWithInstances } from '../../inventory/resources.js';
import { allowsEveryPort, allowsPort, describePorts, worldSources } from '../../lib/network.js';
import type { Ec2SecurityGroupRule } from '../../inventory/schema.js';
import { groupFingerprint, revokeWorldRules, SECURITY_GROUP_ACTIONS } from '../../fixers/ec2.js';

const ADMIN_PORTS = [
  { name: 'SSH', protocol: 'tcp', port: 22 },
  { name: 'RDP', protocol: 'tcp', port: 3389 },
  { name: 'RDP', protocol: 'udp', port: 3389 },
] as const;

export default defineCheck({
  id: 'ec2-security-group-admin-ports-restricted',
  title: 'Security groups do not open SSH, RDP or all ports to the internet',
  service: 'ec2',
  severity: 'high',
  checklist: ['AS-30'],
  rationale:
    'SSH and RDP open to 0.0.0.0/0 or ::/0 are scanned and brute-forced within minutes of appearing. One weak or leaked key or password then gives a shell inside the network.',
  remediation: {
    text: 'Remove the world-open rule. Reach instances through AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint, or allow only your own address range.',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <group-id> --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  needs: ['ec2.securityGroups', 'ec2.instances'],
  resources: securityGroupsWithInstances,
  describe: ({ group }, context) => describeSecurityGroup(group, context),
  evaluate({ group, instances }) {
    const exposures = group.inbound.flatMap(adminExposures);
    const label = `Security group ${group.groupId} (${group.groupName})`;
    if (exposures.length === 0) return pass(`${label} opens no admin port and not every port to the internet`);
    return fail(`${label} allows ${[...new Set(exposures)].join(', ')}${reachableThrough(group, instances)}`);
  },
  fix: {
    actions: SECURITY_GROUP_ACTIONS,
    needs: ['ec2.securityGroupUse'],
    fingerprint: ({ group }) => groupFingerprint(group),
    plan: ({ group }, context) => revokeWorldRules(group, (rule) => adminExposures(rule).length > 0, context),
  },
});

function adminExposures(rule: Ec2SecurityGroupRule): string[] {
  const sources = worldSources(rule);
  if (sources.length === 0) return [];
  const from = ` from ${sources.join(' and ')}`;
  if (allowsEveryPort(rule)) return [`${describePorts(rule) === 'all traffic' ? 'all traffic' : `every port (${describePorts(rule)})`}${from}`];
  return ADMIN_PORTS.filter((admin) => allowsPort(rule, admin.protocol, admin.port)).map(
    (admin) => `${admin.name} (${admin.port}/${admin.protocol}${rule.fromPort === rule.toPort ? '' : ` via ${describePorts(rule)}`})${from}`,
  );
}
