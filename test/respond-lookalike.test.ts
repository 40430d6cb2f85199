/**
 * The writes respond's containment makes, against the stateful look-alike through the real SDK:
 * each one changes the state, and the next read shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteRolePolicyCommand, DeleteUserPolicyCommand, GetRolePolicyCommand, GetUserPolicyCommand, IAMClient, ListAccessKeysCommand, ListRolePoliciesCommand, ListUserPoliciesCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import {
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  DescribeImageAttributeCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifyInstanceAttributeCommand,
  ModifySnapshotAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { TEST_CREDENTIALS } from './support/aws.js';
import { startIntrusion } from './support/intrusion.js';
import type { StatefulAws } from './support/stateful/index.js';

let fake: StatefulAws;
let iam: IAMClient;
let ec2: EC2Client;
beforeAll(async () => {
  fake = await startIntrusion();
  iam = new IAMClient({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS });
  ec2 = new EC2Client({ region: 'eu-west-1', endpoint: fake.url, credentials: TEST_CREDENTIALS });
});
afterAll(() => fake.close());

const DENY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });

describe('IAM writes of containment', () => {
  it('deactivates a key', async () => {
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: 'AKIAALICEBACKDOOR001', Status: 'Inactive' }));
    const { AccessKeyMetadata } = await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }));
    expect(AccessKeyMetadata?.find((k) => k.AccessKeyId === 'AKIAALICEBACKDOOR001')?.Status).toBe('Inactive');
  });

  it('puts, reads and deletes inline policies of users and roles', async () => {
    await iam.send(new PutUserPolicyCommand({ UserName: 'svc-backup', PolicyName: 'bulwark-deny-all', PolicyDocument: DENY }));
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'svc-backup' }))).PolicyNames).toEqual(['bulwark-deny-all']);
    expect(decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'svc-backup', PolicyName: 'bulwark-deny-all' }))).PolicyDocument ?? '')).toBe(DENY);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'svc-backup', PolicyName: 'bulwark-deny-all' }));
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'svc-backup' }))).PolicyNames).toEqual([]);

    await iam.send(new PutRolePolicyCommand({ RoleName: 'ops-audit', PolicyName: 'bulwark-revoke-sessions', PolicyDocument: DENY }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'ops-audit' }))).PolicyNames).toEqual(['bulwark-revoke-sessions']);
    expect((await iam.send(new GetRolePolicyCommand({ RoleName: 'ops-audit', PolicyName: 'bulwark-revoke-sessions' }))).RoleName).toBe('ops-audit');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'ops-audit', PolicyName: 'bulwark-revoke-sessions' }));
    await expect(iam.send(new GetRolePolicyCommand({ RoleName: 'ops-audit', PolicyName: 'bulwark-revoke-sessions' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(fake.world.writes.map((w) => w.action)).toEqual(expect.arrayContaining(['iam:PutUserPolicy', 'iam:DeleteUserPolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy']) as string[]);
  });
});

describe('EC2 writes of containment', () => {
  it('snapshots an instance volume for evidence, then stops and starts the instance', async () => {
    const { Volumes } = await ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: ['i-0atk0000000000002'] }] }));
    expect(Volumes?.map((v) => v.VolumeId)).toEqual(['vol-0atk00000000002']);
    const { SnapshotId } = await ec2.send(new CreateSnapshotCommand({ VolumeId: 'vol-0atk00000000002', Description: 'bulwark evidence' }));
    expect((await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [SnapshotId!] }))).Snapshots?.[0]).toMatchObject({ VolumeId: 'vol-0atk00000000002', Description: 'bulwark evidence' });
    await ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0atk0000000000002'] }));
    const state = async () => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0atk0000000000002'] }))).Reservations?.[0]?.Instances?.[0]?.State?.Name;
    expect(await state()).toBe('stopped');
    await ec2.send(new StartInstancesCommand({ InstanceIds: ['i-0atk0000000000002'] }));
    expect(await state()).toBe('running');
  });

  it('makes a quarantine group with no rules and moves an instance into it', async () => {
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'bulwark-quarantine', Description: 'no traffic', VpcId: 'vpc-0main' }));
    const rules = async () => (await ec2.send(new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId!] }] }))).SecurityGroupRules ?? [];
    // vpc-0main has an IPv6 block: EC2 allows all egress over both.
    expect((await rules()).map((r) => [r.IsEgress, r.IpProtocol, r.CidrIpv4 ?? r.CidrIpv6])).toEqual([[true, '-1', '0.0.0.0/0'], [true, '-1', '::/0']]);
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }));
    expect(await rules()).toEqual([]);
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: 'i-0atk0000000000002', Groups: [GroupId!] }));
    const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0atk0000000000002'] }))).Reservations?.[0]?.Instances?.[0];
    expect(instance?.SecurityGroups?.map((g) => g.GroupId)).toEqual([GroupId]);
  });

  it('refuses to revoke an IPv6 rule a group in a VPC without IPv6 never had', async () => {
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'bulwark-quarantine-v4', Description: 'no traffic', VpcId: 'vpc-0ipv4only' }));
    await expect(ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId, IpPermissions: [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] }))).rejects.toMatchObject({ name: 'InvalidPermission.NotFound' });
  });

  it('removes public and foreign sharing of snapshots and AMIs, and adds it back (undo)', async () => {
    const snapshotSharing = async () => (await ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: 'snap-0exfil00000000001', Attribute: 'createVolumePermission' }))).CreateVolumePermissions;
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: 'snap-0exfil00000000001', Attribute: 'createVolumePermission', CreateVolumePermission: { Remove: [{ Group: 'all' }] } }));
    expect(await snapshotSharing()).toEqual([]);
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: 'snap-0exfil00000000001', Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'], UserIds: ['999999999999'] }));
    expect(await snapshotSharing()).toEqual([{ Group: 'all' }, { UserId: '999999999999' }]);

    const imageSharing = async () => (await ec2.send(new DescribeImageAttributeCommand({ ImageId: 'ami-0old000000000001', Attribute: 'launchPermission' }))).LaunchPermissions;
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: 'ami-0old000000000001', LaunchPermission: { Add: [{ UserId: '999999999999' }] } }));
    expect(await imageSharing()).toEqual([{ UserId: '999999999999' }]);
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: 'ami-0old000000000001', LaunchPermission: { Remove: [{ UserId: '999999999999' }] } }));
    expect(await imageSharing()).toEqual([]);
  });
});
