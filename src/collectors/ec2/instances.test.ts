import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { DescribeInstancesCommand, DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { collectInstances, keyPairs } from './instances.js';
import { TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const ec2 = mockClient(EC2Client);

describe('instance and key pair collectors', () => {
  beforeEach(() => ec2.reset());

  it('reads every page of reservations, skipping terminated instances server-side', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [
          {
            Instances: [
              { InstanceId: 'i-1', State: { Name: 'running' }, KeyName: 'alice', ImageId: 'ami-1', IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/web' }, PublicIpAddress: '203.0.113.7', LaunchTime: new Date('2026-10-01T00:00:00Z'), SecurityGroups: [{ GroupId: 'sg-1' }], Tags: [{ Key: 'Name', Value: 'web' }] },
              { InstanceId: 'i-2', State: { Name: 'stopped' }, ImageId: 'ami-2' },
            ],
          },
        ],
        NextToken: 'n',
      })
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-3', State: { Name: 'pending' }, ImageId: 'ami-1' }] }] });
    const found = await collectInstances(testContext(), 'eu-west-1');
    expect(found).toEqual([
      { instanceId: 'i-1', state: 'running', name: 'web', keyName: 'alice', imageId: 'ami-1', instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/web', publicIp: '203.0.113.7', launchTime: '2026-10-01T00:00:00.000Z', securityGroupIds: ['sg-1'], tags: { Name: 'web' } },
      { instanceId: 'i-2', state: 'stopped', imageId: 'ami-2', securityGroupIds: [], tags: {} },
      { instanceId: 'i-3', state: 'pending', imageId: 'ami-1', securityGroupIds: [], tags: {} },
    ]);
    expect(ec2).toHaveReceivedCommandWith(DescribeInstancesCommand, { Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }] });
  });

  it('reads key pairs with their fingerprints', async () => {
    ec2.on(DescribeKeyPairsCommand).resolves({ KeyPairs: [{ KeyName: 'alice', KeyPairId: 'key-1', KeyFingerprint: 'ab:cd', KeyType: 'ed25519', CreateTime: new Date('2025-01-01T00:00:00Z') }] });
    expect(await keyPairs.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toEqual([{ keyName: 'alice', keyPairId: 'key-1', fingerprint: 'ab:cd', keyType: 'ed25519', createdAt: '2025-01-01T00:00:00.000Z' }]);
  });
});
