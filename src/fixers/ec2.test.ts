import { describe, expect, it } from 'vitest';
import adminPorts from '../checks/ec2/ec2-security-group-admin-ports-restricted.js';
import riskyPorts from '../checks/ec2/ec2-security-group-risky-ports-restricted.js';
import webOnly from '../checks/ec2/ec2-instance-public-ports-web-only.js';
import defaultGroup from '../checks/ec2/ec2-default-security-group-closed.js';
import snapshotNotPublic from '../checks/ec2/ec2-snapshot-not-public.js';
import imageNotPublic from '../checks/ec2/ec2-image-not-public.js';
import rdsSnapshotNotPublic from '../checks/rds/rds-snapshot-not-public.js';
import { collected } from '../core/fact.js';
import { accessDenied, instance, inventory, rule, securityGroup } from '../testing/builders.js';
import { callsOf, planFor, stepKeys, undoOf } from '../../test/support/fix-plan.js';

const ssh = rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0', '203.0.113.0/24'], ipv6Ranges: ['::/0'] });
const everything = rule({ protocol: '-1', fromPort: undefined, toPort: undefined, ipv4Ranges: ['0.0.0.0/0'] });
const groups = (...list: ReturnType<typeof securityGroup>[]) => ({ 'eu-west-1': collected(list) });
const KEY = 'ec2:revoke-world-ingress:eu-west-1:sg-1:tcp:22-22';

describe('security group fixers (AS-30, AS-31, AS-33)', () => {
  it('revokes exactly the internet ranges of the SSH rule, keeping the office range, and undoes by adding them back', () => {
    const plan = planFor(adminPorts, inventory({ ec2: { securityGroups: groups(securityGroup('sg-1', { inbound: [ssh] })), securityGroupUse: { 'eu-west-1': collected({}) } } }));
    expect(stepKeys(plan)).toEqual([[KEY, 'safe']]);
    const world = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] };
    expect(callsOf(plan, KEY)).toEqual([['ec2:RevokeSecurityGroupIngress', { GroupId: 'sg-1', IpPermissions: [world] }]]);
    expect(undoOf(plan, KEY)).toEqual([['ec2:AuthorizeSecurityGroupIngress', { GroupId: 'sg-1', IpPermissions: [world] }]]);
    expect(plan.steps[0]?.after).toMatch(/open to no internet range; 1 other source unchanged/);
  });

  it('with --allow-cidr lets that range in before closing the internet, and names the interfaces that use the group', () => {
    const inv = inventory({ ec2: { securityGroups: groups(securityGroup('sg-1', { inbound: [ssh] })), securityGroupUse: { 'eu-west-1': collected({ 'sg-1': 3 }) } } });
    const plan = planFor(adminPorts, inv, { inputs: { allowCidr: '198.51.100.0/24' } });
    const step = plan.steps[0];
    expect(step?.risk).toBe('may-disrupt');
    expect(step?.riskNote).toMatch(/3 network interfaces use sg-1/);
    expect(step?.calls.map((c) => c.action)).toEqual(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']);
    expect(step?.calls[0]?.input).toEqual({ GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '198.51.100.0/24' }] }] });
    expect(step?.undo?.map((c) => c.action)).toEqual(['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress']);
  });

  it('falls back to running instances for the risk when interfaces were not read', () => {
    const inv = inventory({ ec2: { securityGroups: groups(securityGroup('sg-1', { inbound: [ssh] })), securityGroupUse: { 'eu-west-1': accessDenied('ec2:DescribeNetworkInterfaces') }, instances: { 'eu-west-1': collected([instance('i-1')]) } } });
    expect(planFor(adminPorts, inv).steps[0]?.riskNote).toMatch(/1 running instance uses sg-1/);
  });

  it('plans one shared step when the admin-port, risky-port and instance checks flag the same rule', () => {
    const inv = inventory({
      ec2: {
        securityGroups: groups(securityGroup('sg-1', { inbound: [everything, rule({ ipv4Ranges: ['0.0.0.0/0'] })] })),
        instances: { 'eu-west-1': collected([instance('i-1', { publicIp: '203.0.113.9' })]) },
        securityGroupUse: { 'eu-west-1': collected({ 'sg-1': 1 }) },
      },
    });
    const plan = planFor([adminPorts, riskyPorts, webOnly], inv);
    expect(stepKeys(plan)).toEqual([['ec2:revoke-world-ingress:eu-west-1:sg-1:-1:-', 'may-disrupt']]); // 443 stays open: a web port
    expect(plan.steps[0]?.findings.map((f) => f.checkId).sort()).toEqual([adminPorts.id, webOnly.id, riskyPorts.id].sort());
    expect(plan.steps[0]?.calls[0]?.input).toEqual({ GroupId: 'sg-1', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
  });

  it('empties a default group: the internet part shared with the port checks, the rest after it; --allow-cidr is not added there', () => {
    const group = securityGroup('sg-d', { groupName: 'default', inbound: [rule({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], referencedGroupIds: ['sg-d'] })] });
    const inv = inventory({ ec2: { securityGroups: groups(group), securityGroupUse: { 'eu-west-1': collected({ 'sg-d': 2 }) } } });
    const plan = planFor([defaultGroup, adminPorts], inv, { inputs: { allowCidr: '198.51.100.0/24' } });
    expect(stepKeys(plan)).toEqual([
      ['ec2:revoke-world-ingress:eu-west-1:sg-d:tcp:22-22', 'may-disrupt'],
      ['ec2:empty-default-group:eu-west-1:sg-d', 'may-disrupt'],
    ]);
    expect(callsOf(plan, 'ec2:revoke-world-ingress:eu-west-1:sg-d:tcp:22-22')).toHaveLength(1);
    const rest = plan.steps[1];
    expect(rest?.dependsOn).toEqual(['ec2:revoke-world-ingress:eu-west-1:sg-d:tcp:22-22']);
    expect(rest?.riskNote).toMatch(/2 network interfaces use sg-d/);
    expect(rest?.calls).toEqual([
      { action: 'ec2:RevokeSecurityGroupIngress', region: 'eu-west-1', input: { GroupId: 'sg-d', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-d' }] }] } },
      { action: 'ec2:RevokeSecurityGroupEgress', region: 'eu-west-1', input: { GroupId: 'sg-d', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } },
    ]);
    expect(rest?.undo?.map((c) => c.action)).toEqual(['ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress']);
  });

  it('plans nothing for a group that is already closed', () => {
    const inv = inventory({ ec2: { securityGroups: groups(securityGroup('sg-1'), securityGroup('sg-d', { groupName: 'default', outbound: [] })) } });
    expect(planFor([adminPorts, riskyPorts, defaultGroup], inv).steps).toEqual([]);
  });
});

describe('sharing fixers (AS-21)', () => {
  it('makes a snapshot private and turns on snapshot block public access, undone to the state read before', () => {
    const inv = inventory({ ec2: { publicSnapshots: { 'eu-west-1': collected([{ id: 'snap-1' }, { id: 'snap-2' }]) }, snapshotBlockPublicAccess: { 'eu-west-1': collected('block-new-sharing') } } });
    const plan = planFor(snapshotNotPublic, inv);
    expect(stepKeys(plan)).toEqual([
      ['ec2:unshare-snapshot:eu-west-1:snap-1', 'may-disrupt'],
      ['ec2:block-snapshot-public-access:eu-west-1', 'may-disrupt'],
      ['ec2:unshare-snapshot:eu-west-1:snap-2', 'may-disrupt'],
    ]);
    expect(callsOf(plan, 'ec2:unshare-snapshot:eu-west-1:snap-1')).toEqual([['ec2:ModifySnapshotAttribute', { SnapshotId: 'snap-1', Attribute: 'createVolumePermission', OperationType: 'remove', GroupNames: ['all'] }]]);
    expect(undoOf(plan, 'ec2:block-snapshot-public-access:eu-west-1')).toEqual([['ec2:EnableSnapshotBlockPublicAccess', { State: 'block-new-sharing' }]]);
    expect(plan.steps.find((s) => s.key === 'ec2:block-snapshot-public-access:eu-west-1')?.findings).toHaveLength(2);
  });

  it('undoes block public access by disabling it when it was unblocked, and cannot undo it when the state was unread', () => {
    const base = { publicSnapshots: { 'eu-west-1': collected([{ id: 'snap-1' }]) } };
    const unblocked = planFor(snapshotNotPublic, inventory({ ec2: { ...base, snapshotBlockPublicAccess: { 'eu-west-1': collected('unblocked') } } }));
    expect(undoOf(unblocked, 'ec2:block-snapshot-public-access:eu-west-1')).toEqual([['ec2:DisableSnapshotBlockPublicAccess', {}]]);
    const unread = planFor(snapshotNotPublic, inventory({ ec2: { ...base, snapshotBlockPublicAccess: { 'eu-west-1': accessDenied('ec2:GetSnapshotBlockPublicAccessState') } } }));
    expect(undoOf(unread, 'ec2:block-snapshot-public-access:eu-west-1')).toBeUndefined();
    const blocked = planFor(snapshotNotPublic, inventory({ ec2: { ...base, snapshotBlockPublicAccess: { 'eu-west-1': collected('block-all-sharing') } } }));
    expect(stepKeys(blocked)).toEqual([['ec2:unshare-snapshot:eu-west-1:snap-1', 'may-disrupt']]);
  });

  it('makes an AMI and a cluster snapshot private', () => {
    const ami = planFor(imageNotPublic, inventory({ ec2: { publicImages: { 'eu-west-1': collected([{ imageId: 'ami-1', public: true }]) } } }));
    expect(callsOf(ami, 'ec2:unshare-image:eu-west-1:ami-1')).toEqual([['ec2:ModifyImageAttribute', { ImageId: 'ami-1', LaunchPermission: { Remove: [{ Group: 'all' }] } }]]);
    expect(undoOf(ami, 'ec2:unshare-image:eu-west-1:ami-1')).toEqual([['ec2:ModifyImageAttribute', { ImageId: 'ami-1', LaunchPermission: { Add: [{ Group: 'all' }] } }]]);
    const rds = planFor(rdsSnapshotNotPublic, inventory({ rds: { publicSnapshots: { 'eu-west-1': collected([{ id: 'db-snap', kind: 'cluster' as const }]) } } }));
    expect(callsOf(rds, 'rds:unshare-cluster-snapshot:eu-west-1:db-snap')).toEqual([['rds:ModifyDBClusterSnapshotAttribute', { DBClusterSnapshotIdentifier: 'db-snap', AttributeName: 'restore', ValuesToRemove: ['all'] }]]);
    expect(undoOf(rds, 'rds:unshare-cluster-snapshot:eu-west-1:db-snap')).toEqual([['rds:ModifyDBClusterSnapshotAttribute', { DBClusterSnapshotIdentifier: 'db-snap', AttributeName: 'restore', ValuesToAdd: ['all'] }]]);
  });
});
