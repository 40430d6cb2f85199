import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, DescribeKeyPairsCommand, DescribeLaunchTemplatesCommand, DescribeSpotInstanceRequestsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { ec2Reader } from './ec2.js';
import { Provenance } from './provenance.js';
import type { ReadContext } from './reader.js';

/** A reason that names the error code. */
const containing = (text: string) => expect.stringContaining(text) as string;

const ec2 = mockClient(EC2Client);
const SINCE = new Date('2026-11-28T00:00:00Z');
const context = (): ReadContext => ({ aws: testContext(), account: TEST_ACCOUNT, region: 'eu-west-1', since: SINCE, provenance: () => Promise.resolve(new Provenance([])) });
const root = (volume: string, attached: string) => ({ RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: volume, AttachTime: new Date(attached) } }] });

describe('the EC2 scope reader', () => {
  beforeEach(() => {
    ec2.reset();
    ec2.on(DescribeSpotInstanceRequestsCommand).resolves({ SpotInstanceRequests: [] });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [] });
    ec2.on(DescribeKeyPairsCommand).resolves({ KeyPairs: [] });
  });

  it('reads every page of instances and dates each by its root volume, not its last start', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-new', State: { Name: 'running' }, LaunchTime: new Date('2026-11-28T03:00:00Z'), VpcId: 'vpc-1', SecurityGroups: [{ GroupId: 'sg-1' }], ...root('vol-1', '2026-11-28T03:00:00Z') }] }], NextToken: 'p2' })
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-restarted', State: { Name: 'running' }, LaunchTime: new Date('2026-11-28T05:00:00Z'), ...root('vol-2', '2025-01-01T00:00:00Z') }] }] });
    const { items, unreadable } = await ec2Reader.read(context());
    expect(unreadable).toEqual([]);
    expect(items).toEqual([
      {
        kind: 'ec2-instance',
        id: 'i-new',
        arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-new',
        region: 'eu-west-1',
        createdAt: '2026-11-28T03:00:00.000Z',
        notes: [],
        detail: { state: 'running', instanceType: '', vpcId: 'vpc-1', securityGroupIds: ['sg-1'], volumeIds: ['vol-1'] },
      },
    ]);
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  it('an AccessDenied makes only that kind unreadable, with the permission; the other kinds are still read', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    ec2.on(DescribeKeyPairsCommand).resolves({ KeyPairs: [{ KeyPairId: 'key-1', KeyName: 'miner', CreateTime: new Date('2026-11-28T01:00:00Z') }] });
    const { items, unreadable } = await ec2Reader.read(context());
    expect(unreadable).toEqual([{ kind: 'ec2-instance', region: 'eu-west-1', permission: 'ec2:DescribeInstances', reason: containing('UnauthorizedOperation') }]);
    expect(items.map((i) => `${i.kind} ${i.id}`)).toEqual(['ec2-key-pair key-1']);
  });

  it('throttled out is unreadable, never "none found"', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503));
    const { unreadable } = await ec2Reader.read(context());
    expect(unreadable).toEqual([{ kind: 'ec2-instance', region: 'eu-west-1', reason: containing('RequestLimitExceeded') }]);
  });

  it('a region that is off leaves every kind there unknown', async () => {
    ec2.reset();
    ec2.onAnyCommand().rejects(awsError('OptInRequired', 'You are not subscribed to this service.', 401));
    const { items, unreadable } = await ec2Reader.read(context());
    expect(items).toEqual([]);
    expect(unreadable.map((u) => u.kind).sort()).toEqual(['ec2-instance', 'ec2-key-pair', 'ec2-launch-template', 'ec2-spot-request']);
    expect(unreadable.every((u) => u.reason.includes('OptInRequired'))).toBe(true);
  });

  it('an empty account has nothing new and nothing unreadable', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await ec2Reader.read(context())).toEqual({ items: [], unreadable: [] });
  });

  it('takes spot requests, launch templates (with their maker) and key pairs made since T only', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ec2.on(DescribeSpotInstanceRequestsCommand).resolves({ SpotInstanceRequests: [{ SpotInstanceRequestId: 'sir-new', CreateTime: new Date('2026-11-29T00:00:00Z'), State: 'open' }, { SpotInstanceRequestId: 'sir-old', CreateTime: new Date('2025-01-01T00:00:00Z'), State: 'active' }] });
    ec2.on(DescribeLaunchTemplatesCommand).resolves({ LaunchTemplates: [{ LaunchTemplateId: 'lt-new', LaunchTemplateName: 'x', CreateTime: new Date('2026-11-28T00:00:00Z'), CreatedBy: 'arn:aws:iam::123456789012:user/deploy' }] });
    const { items } = await ec2Reader.read(context());
    expect(items.map((i) => [i.kind, i.id, i.createdBy])).toEqual([
      ['ec2-spot-request', 'sir-new', undefined],
      ['ec2-launch-template', 'lt-new', 'arn:aws:iam::123456789012:user/deploy'],
    ]);
  });
});
