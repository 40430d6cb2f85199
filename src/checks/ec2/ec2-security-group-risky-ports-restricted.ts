import { defineCheck, fail, pass } from '../../core/check.js';
import { describeSecurityGroup, reachableThrough, securityGroupsWithInstances } from '../../inventory/resources.js';
import { allowsEveryPort, allowsPort, describePorts, worldSources } from '../../lib/network.js';
import { PORT_NAMES } from '../../lib/ports.js';

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
    const open = new Set<string>();
    for (const rule of group.inbound.filter((r) => worldSources(r).length > 0)) {
      if (allowsEveryPort(rule)) {
        open.add(`every port (${describePorts(rule)})`);
        continue;
      }
      for (const port of config.network.riskyPorts) {
        for (const protocol of ['tcp', 'udp'] as const) {
          if (allowsPort(rule, protocol, port)) open.add(`${port}/${protocol}${PORT_NAMES[port] ? ` (${PORT_NAMES[port]})` : ''}`);
        }
      }
    }
    if (open.size === 0) return pass(`${label} opens no database, cache or management port to the internet`);
    return fail(`${label} opens ${[...open].join(', ')} to the internet${reachableThrough(group, instances)}`);
  },
});
