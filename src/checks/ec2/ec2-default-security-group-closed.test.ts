import check from './ec2-default-security-group-closed.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, rule, securityGroup, withSecurityGroups } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const one = (group: ReturnType<typeof securityGroup>) => withSecurityGroups({ 'eu-west-1': collected([group]) });

testCheck(check, [
  { name: 'an emptied default group', inventory: one(securityGroup('sg-d', { groupName: 'default', outbound: [] })), expect: [['PASS', 'sg-d (default)']] },
  {
    name: 'the default group as AWS creates it', plan: [{ key: 'ec2:empty-default-group:eu-west-1:sg-d', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'] }],
    inventory: one(securityGroup('sg-d', { groupName: 'default', inbound: [rule({ protocol: '-1', referencedGroupIds: ['sg-d'] })] })),
    expect: [['FAIL', 'sg-d (default)', /has rules: inbound all traffic, outbound all traffic$/]],
  },
  { name: 'other groups are not judged', inventory: one(securityGroup('sg-1')), expect: [['NOT_APPLICABLE', 'sg-1 (sg-1-name)']] },
  { name: 'denied', inventory: withSecurityGroups({ 'eu-west-1': accessDenied('ec2:DescribeSecurityGroups') }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
