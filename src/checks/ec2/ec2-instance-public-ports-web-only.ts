import { defineCheck, fail, need, notApplicable, pass } from '../../core/check.js';
import { mapFact } from '../../core/fact.js';
import { describeInstance, instances } from '../../inventory/resources.js';
import { describePorts, protocolOf, worldSources } from '../../lib/network.js';
import type { Ec2SecurityGroupRule } from '../../inventory/schema.js';
import { groupFingerprint, revokeWorldRules, SECURITY_GROUP_ACTIONS } from '../../fixers/ec2.js';

export default defineCheck({
  id: 'ec2-instance-public-ports-web-only',
  title: 'Instances with a public address open only web ports to the internet',
  service: 'ec2',
  severity: 'medium',
  checklist: ['AS-31'],
  rationale:
    'Every port a public server opens to the world is a service that must stay patched and hardened forever. Anything beyond the web ports usually was meant for a few people, not for everyone.',
  remediation: {
    text: 'Close the non-web ports to 0.0.0.0/0 and ::/0 in the instance\'s security groups; put admin tools behind Session Manager or a VPN, and services behind a load balancer.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html',
  },
  needs: ['ec2.instances', 'ec2.securityGroups'],
  resources: (inventory) =>
    instances(inventory).map((set) => ({
      region: set.region,
      items: mapFact(set.items, (list) => list.map((instance) => ({ instance, groups: inventory.ec2.securityGroups?.[set.region] }))),
    })),
  describe: ({ instance }, context) => describeInstance(instance, context),
  evaluate({ instance, groups }, { config }) {
    const label = `Instance ${instance.instanceId}${instance.name ? ` (${instance.name})` : ''}`;
    if (instance.state !== 'running' || !instance.publicIp) return notApplicable(`${label} is not running with a public address`);
    const web = config.network.webPorts;
    const mine = need(groups, 'ec2:DescribeSecurityGroups').filter((g) => instance.securityGroupIds.includes(g.groupId));
    const open = mine.flatMap((g) => g.inbound.filter((r) => worldSources(r).length > 0 && !webOnly(r, web)).map((r) => `${describePorts(r)} via ${g.groupId}`));
    return open.length
      ? fail(`${label} (${instance.publicIp}) opens ${[...new Set(open)].join(', ')} to the internet`)
      : pass(`${label} (${instance.publicIp}) opens only web ports (${web.join(', ')}) to the internet`);
  },
  fix: {
    actions: SECURITY_GROUP_ACTIONS,
    needs: ['ec2.securityGroupUse'],
    fingerprint: ({ instance, groups }) => ({ instance: instance.instanceId, groups: groups?.status === 'collected' ? groups.value.filter((g) => instance.securityGroupIds.includes(g.groupId)).map(groupFingerprint) : null }),
    // The same per-rule steps as the security group checks: a shared group is closed once, for every instance in it.
    plan: ({ instance, groups }, context) =>
      need(groups, 'ec2:DescribeSecurityGroups')
        .filter((g) => instance.securityGroupIds.includes(g.groupId))
        .flatMap((g) => revokeWorldRules(g, (rule) => !webOnly(rule, context.config.network.webPorts), context)),
  },
});

/** A rule that admits nothing but web ports (ICMP is not a port and not counted). */
function webOnly(rule: Ec2SecurityGroupRule, web: readonly number[]): boolean {
  const protocol = protocolOf(rule);
  if (protocol === 'icmp' || protocol === 'icmpv6') return true;
  if (protocol === 'all' || rule.fromPort === undefined || rule.toPort === undefined) return false;
  for (let port = rule.fromPort; port <= rule.toPort; port++) if (!web.includes(port)) return false;
  return true;
}
