import type { Instance } from '@aws-sdk/client-ec2';
import type { AwsContext } from '../../aws/context.js';
import type { Ec2Instance, Ec2KeyPair } from '../../inventory/schema.js';
import { regionalCollector } from '../collector.js';
import { tagMap } from '../tags.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** Instances that are not terminated, in pages of 1,000 per region. */
export const instances = regionalCollector({
  key: 'ec2.instances',
  service: 'ec2',
  operations: ['DescribeInstances'],
  collect: collectInstances,
});

export async function collectInstances(aws: AwsContext, region: string): Promise<Ec2Instance[]> {
  const { EC2Client, paginateDescribeInstances } = awsSdk('ec2');
  const client = aws.client('ec2', region, EC2Client);
  const result: Ec2Instance[] = [];
  const filter = { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] };
  for await (const page of paginateDescribeInstances({ client, pageSize: 1000 }, { Filters: [filter] })) {
    for (const reservation of page.Reservations ?? []) for (const instance of reservation.Instances ?? []) result.push(toInstance(instance));
  }
  return result;
}

function toInstance(i: Instance): Ec2Instance {
  const name = i.Tags?.find((t) => t.Key === 'Name')?.Value;
  return {
    instanceId: i.InstanceId ?? '',
    state: i.State?.Name ?? 'unknown',
    ...(i.InstanceType ? { instanceType: i.InstanceType } : {}),
    ...(name ? { name } : {}),
    ...(i.KeyName ? { keyName: i.KeyName } : {}),
    imageId: i.ImageId ?? '',
    ...(i.IamInstanceProfile?.Arn ? { instanceProfileArn: i.IamInstanceProfile.Arn } : {}),
    ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
    ...(i.LaunchTime ? { launchTime: i.LaunchTime.toISOString() } : {}),
    securityGroupIds: (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    tags: tagMap(i.Tags),
  };
}

/** Key pairs of a region: one unpaginated call. */
export const keyPairs = regionalCollector({
  key: 'ec2.keyPairs',
  service: 'ec2',
  operations: ['DescribeKeyPairs'],
  collect: async (aws, region): Promise<Ec2KeyPair[]> => {
    const { EC2Client, DescribeKeyPairsCommand } = awsSdk('ec2');
    const { KeyPairs } = await aws.client('ec2', region, EC2Client).send(new DescribeKeyPairsCommand({}));
    return (KeyPairs ?? []).map((k) => ({
      keyName: k.KeyName ?? '',
      keyPairId: k.KeyPairId ?? '',
      fingerprint: k.KeyFingerprint ?? '',
      keyType: k.KeyType ?? 'rsa',
      ...(k.CreateTime ? { createdAt: k.CreateTime.toISOString() } : {}),
    }));
  },
});
