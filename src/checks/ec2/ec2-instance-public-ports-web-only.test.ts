import check from './ec2-instance-public-ports-web-only.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, instance, inventory, rule, securityGroup } from '../../testing/builders.js';
import { collected, type Fact } from '../../core/fact.js';
import type { Ec2SecurityGroup } from '../../inventory/schema.js';

const inv = (i: ReturnType<typeof instance>, groups: Fact<Ec2SecurityGroup[]>) => inventory({ ec2: { instances: { 'eu-west-1': collected([i]) }, securityGroups: { 'eu-west-1': groups } } });
const pub = (sgs: string[]) => instance('i-1', { publicIp: '198.51.100.4', securityGroupIds: sgs });

testCheck(check, [
  { name: 'web ports only', inventory: inv(pub(['sg-web']), collected([securityGroup('sg-web', { inbound: [rule({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] }), rule({ fromPort: 80, toPort: 80, ipv6Ranges: ['::/0'] })] })])), expect: [['PASS', 'i-1']] },
  {
    name: 'an app port next to the web ports', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-app:tcp:8000-8100', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: inv(pub(['sg-web', 'sg-app']), collected([securityGroup('sg-web', { inbound: [rule({ ipv4Ranges: ['0.0.0.0/0'] })] }), securityGroup('sg-app', { inbound: [rule({ fromPort: 8000, toPort: 8100, ipv4Ranges: ['0.0.0.0/0'] })] })])),
    expect: [['FAIL', 'i-1', /opens 8000-8100\/tcp via sg-app to the internet$/]],
  },
  { name: 'a range 80-443 is more than web ports', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:80-443', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }], inventory: inv(pub(['sg-1']), collected([securityGroup('sg-1', { inbound: [rule({ fromPort: 80, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })] })])), expect: [['FAIL', 'i-1', /80-443\/tcp/]] },
  { name: 'no public address', inventory: inv(instance('i-1', { securityGroupIds: ['sg-1'] }), collected([securityGroup('sg-1', { inbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })])), expect: [['NOT_APPLICABLE', 'i-1']] },
  { name: 'groups unreadable', inventory: inv(pub(['sg-1']), accessDenied('ec2:DescribeSecurityGroups')), expect: [['UNKNOWN', 'i-1', /grant ec2:DescribeSecurityGroups/]] },
  { name: 'instances denied', inventory: inventory({ ec2: { instances: { 'eu-west-1': accessDenied('ec2:DescribeInstances') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
