import check from './ec2-security-group-admin-ports-restricted.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, instance, inventory, rule, securityGroup, withSecurityGroups } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const one = (group: ReturnType<typeof securityGroup>) => withSecurityGroups({ 'eu-west-1': collected([group]) });
const name = (id: string) => `${id} (${id}-name)`;

testCheck(check, [
  { name: 'no inbound rules', inventory: one(securityGroup('sg-1')), expect: [['PASS', name('sg-1')]] },
  {
    name: 'HTTPS open to the world is not an admin port',
    inventory: one(securityGroup('sg-1', { inbound: [rule({ ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] })] })),
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'SSH from an office range only',
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['203.0.113.0/24'] })] })),
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'SSH from another security group',
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 22, toPort: 22, referencedGroupIds: ['sg-bastion'] })] })),
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'SSH open to IPv4', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:22-22', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['FAIL', name('sg-1'), /allows SSH \(22\/tcp\) from 0\.0\.0\.0\/0$/]],
  },
  {
    name: 'SSH open, naming the public instance behind it', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:22-22', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: inventory({
      ec2: {
        securityGroups: { 'eu-west-1': collected([securityGroup('sg-1', { inbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })]) },
        instances: { 'eu-west-1': collected([instance('i-1', { securityGroupIds: ['sg-1'], publicIp: '203.0.113.9' }), instance('i-2', { securityGroupIds: ['sg-1'] })]) },
      },
    }),
    expect: [['FAIL', name('sg-1'), /from 0\.0\.0\.0\/0; reachable on i-1 \(203\.0\.113\.9\)$/]],
  },
  {
    name: 'RDP open to IPv6 only', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:3389-3389', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 3389, toPort: 3389, ipv6Ranges: ['::/0'] })] })),
    expect: [['FAIL', name('sg-1'), /RDP \(3389\/tcp\) from ::\/0/]],
  },
  {
    name: 'a port range that contains 22', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:20-30', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 20, toPort: 30, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['FAIL', name('sg-1'), /SSH \(22\/tcp via 20-30\/tcp\)/]],
  },
  {
    name: 'protocol given by number', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:6:22-22', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [rule({ protocol: '6', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['FAIL', name('sg-1'), /SSH/]],
  },
  {
    name: 'all traffic', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:-1:-', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }] })),
    expect: [['FAIL', name('sg-1'), /allows all traffic from 0\.0\.0\.0\/0/]],
  },
  {
    name: 'every TCP port', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:0-65535', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: one(securityGroup('sg-1', { inbound: [rule({ fromPort: 0, toPort: 65535, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['FAIL', name('sg-1'), /every port \(0-65535\/tcp\)/]],
  },
  {
    name: 'UDP on 22 is not SSH',
    inventory: one(securityGroup('sg-1', { inbound: [rule({ protocol: 'udp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'world-open egress does not count',
    inventory: one(securityGroup('sg-1', { outbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })] })),
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'one region denied, another readable',
    inventory: withSecurityGroups({ 'eu-west-1': collected([securityGroup('sg-1')]), 'us-east-1': accessDenied('ec2:DescribeSecurityGroups') }),
    expect: [
      ['PASS', name('sg-1')],
      ['UNKNOWN', 'us-east-1', /us-east-1: could not read ec2:DescribeSecurityGroups: AccessDenied .*grant ec2:DescribeSecurityGroups/],
    ],
  },
  { name: 'a region with no groups gives no finding', inventory: withSecurityGroups({ 'eu-west-1': collected([]) }), expect: [] },
]);
