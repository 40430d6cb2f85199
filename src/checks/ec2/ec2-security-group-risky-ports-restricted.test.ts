import check from './ec2-security-group-risky-ports-restricted.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, instance, inventory, rule, securityGroup } from '../../testing/builders.js';
import { collected, type Fact } from '../../core/fact.js';
import type { Ec2Instance } from '../../inventory/schema.js';
import { DEFAULT_CONFIG } from '../../config/schema.js';

const inv = (group: ReturnType<typeof securityGroup>, instances: Fact<Ec2Instance[]> = collected([instance('i-1', { securityGroupIds: [group.groupId], publicIp: '198.51.100.4' })])) =>
  inventory({ ec2: { securityGroups: { 'eu-west-1': collected([group]) }, instances: { 'eu-west-1': instances } } });
const name = (id: string) => `${id} (${id}-name)`;

testCheck(check, [
  { name: 'only HTTPS to the world', inventory: inv(securityGroup('sg-1', { inbound: [rule({ ipv4Ranges: ['0.0.0.0/0'] })] })), expect: [['PASS', name('sg-1')]] },
  { name: 'PostgreSQL from the app tier only', inventory: inv(securityGroup('sg-1', { inbound: [rule({ fromPort: 5432, toPort: 5432, referencedGroupIds: ['sg-app'] })] })), expect: [['PASS', name('sg-1')]] },
  {
    name: 'MySQL and Redis to the world, naming the exposed instance', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:3306-3306', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }, { key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:6379-6379', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: inv(securityGroup('sg-1', { inbound: [rule({ fromPort: 3306, toPort: 3306, ipv4Ranges: ['0.0.0.0/0'] }), rule({ fromPort: 6379, toPort: 6379, ipv6Ranges: ['::/0'] })] })),
    expect: [['FAIL', name('sg-1'), /opens 3306\/tcp \(MySQL\), 6379\/tcp \(Redis\) to the internet; reachable on i-1 \(198\.51\.100\.4\)$/]],
  },
  {
    name: 'every port: said once, not port by port', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:-1:-', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: inv(securityGroup('sg-1', { inbound: [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }] })),
    expect: [['FAIL', name('sg-1'), /opens every port \(all traffic\) to the internet/]],
  },
  { name: 'Memcached over UDP', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:udp:11211-11211', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }], inventory: inv(securityGroup('sg-1', { inbound: [rule({ protocol: 'udp', fromPort: 11211, toPort: 11211, ipv4Ranges: ['0.0.0.0/0'] })] })), expect: [['FAIL', name('sg-1'), /11211\/udp \(Memcached\)/]] },
  {
    name: 'a custom port list from the config',
    inventory: inv(securityGroup('sg-1', { inbound: [rule({ fromPort: 3306, toPort: 3306, ipv4Ranges: ['0.0.0.0/0'] })] })),
    config: { ...DEFAULT_CONFIG, network: { ...DEFAULT_CONFIG.network, riskyPorts: [8080] } },
    expect: [['PASS', name('sg-1')]],
  },
  {
    name: 'instances unreadable: still a FAIL, without names', plan: [{ key: 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:27017-27017', risk: 'may-disrupt', calls: ['ec2:RevokeSecurityGroupIngress'] }],
    inventory: inv(securityGroup('sg-1', { inbound: [rule({ fromPort: 27017, toPort: 27017, ipv4Ranges: ['0.0.0.0/0'] })] }), accessDenied('ec2:DescribeInstances')),
    expect: [['FAIL', name('sg-1'), /27017\/tcp \(MongoDB\) to the internet$/]],
  },
  { name: 'groups denied', inventory: inventory({ ec2: { securityGroups: { 'eu-west-1': accessDenied('ec2:DescribeSecurityGroups') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
