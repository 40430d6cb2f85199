import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeSecurityGroup, securityGroups } from '../../inventory/resources.js';
import { describePorts } from '../../lib/network.js';
import { emptyDefaultGroup, groupFingerprint, SECURITY_GROUP_ACTIONS } from '../../fixers/ec2.js';

export default defineCheck({
  id: 'ec2-default-security-group-closed',
  title: 'Default security groups allow no traffic',
  service: 'ec2',
  severity: 'low',
  checklist: ['AS-33'],
  rationale:
    'Anything launched without a security group lands in the VPC\'s default one. Rules there give every forgotten instance access nobody chose, so the default group should allow nothing.',
  remediation: {
    text: 'Move resources to purpose-made security groups, then remove every inbound and outbound rule from the default group (it cannot be deleted).',
    cli: 'aws ec2 revoke-security-group-ingress --group-id <default-group-id> --ip-permissions <rules> && aws ec2 revoke-security-group-egress --group-id <default-group-id> --ip-permissions <rules>',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  },
  needs: ['ec2.securityGroups'],
  resources: securityGroups,
  describe: describeSecurityGroup,
  evaluate(group) {
    if (group.groupName !== 'default' || !group.vpcId) return notApplicable(`Security group ${group.groupId} is not a VPC default group`);
    const rules = [...group.inbound.map((r) => `inbound ${describePorts(r)}`), ...group.outbound.map((r) => `outbound ${describePorts(r)}`)];
    return rules.length
      ? fail(`The default security group ${group.groupId} of ${group.vpcId} has rules: ${rules.join(', ')}`)
      : pass(`The default security group ${group.groupId} of ${group.vpcId} allows no traffic`);
  },
  fix: {
    actions: SECURITY_GROUP_ACTIONS,
    needs: ['ec2.securityGroupUse'],
    plan: emptyDefaultGroup,
    fingerprint: (group) => ({ ...groupFingerprint(group), outbound: group.outbound }),
  },
});
