/**
 * EC2 compute since T in one region: instances, spot requests, launch templates and key pairs.
 * An instance's LaunchTime moves on every start, so an old instance restarted after T would look
 * new: the root volume's attach time, which stays put, dates it instead.
 */
import type { EC2Client, Instance } from '@aws-sdk/client-ec2';
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const ec2Reader: ScopeReader = {
  name: 'ec2',
  scope: 'regional',
  operations: ['ec2:DescribeInstances', 'ec2:DescribeSpotInstanceRequests', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeKeyPairs'],
  read: readEc2,
};

async function readEc2(context: ReadContext): Promise<ReadResult> {
  const { EC2Client } = awsSdk('ec2');
  const client = context.aws.client('ec2', context.region, EC2Client);
  const result = emptyResult();
  await Promise.all([instances(client, context, result), spotRequests(client, context, result), launchTemplates(client, context, result), keyPairs(client, context, result)]);
  return result;
}

/** When the instance was first launched: the root volume's attach time, else LaunchTime. */
export function firstLaunch(instance: Instance): string | undefined {
  const root = instance.BlockDeviceMappings?.find((m) => m.DeviceName === instance.RootDeviceName)?.Ebs?.AttachTime;
  return isoOf(root ?? instance.LaunchTime);
}

async function instances(client: EC2Client, context: ReadContext, result: ReadResult): Promise<void> {
  const { paginateDescribeInstances } = awsSdk('ec2');
  const { region, account } = context;
  await attempt(result, ['ec2-instance'], region, 'ec2:DescribeInstances', async () => {
    const filter = { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] };
    for await (const page of paginateDescribeInstances({ client, pageSize: 1000 }, { Filters: [filter] })) {
      for (const i of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
        const created = firstLaunch(i);
        if (!i.InstanceId || !isNew(created, context.since)) continue;
        const volumeIds = (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : []));
        result.items.push(
          item({
            kind: 'ec2-instance',
            id: i.InstanceId,
            arn: `arn:${account.partition}:ec2:${region}:${account.id}:instance/${i.InstanceId}`,
            region,
            createdAt: created,
            notes: i.PublicIpAddress ? [`public IP ${i.PublicIpAddress}`] : [],
            detail: {
              state: i.State?.Name ?? 'unknown',
              instanceType: i.InstanceType ?? '',
              vpcId: i.VpcId ?? '',
              securityGroupIds: (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
              volumeIds,
              ...(i.KeyName ? { keyName: i.KeyName } : {}),
              ...(i.IamInstanceProfile?.Arn ? { instanceProfileArn: i.IamInstanceProfile.Arn } : {}),
              ...(i.SpotInstanceRequestId ? { spotInstanceRequestId: i.SpotInstanceRequestId } : {}),
            },
          }),
        );
      }
    }
  });
}

async function spotRequests(client: EC2Client, context: ReadContext, result: ReadResult): Promise<void> {
  const { paginateDescribeSpotInstanceRequests } = awsSdk('ec2');
  const { region, account } = context;
  await attempt(result, ['ec2-spot-request'], region, 'ec2:DescribeSpotInstanceRequests', async () => {
    for await (const page of paginateDescribeSpotInstanceRequests({ client, pageSize: 1000 }, {})) {
      for (const s of page.SpotInstanceRequests ?? []) {
        const created = isoOf(s.CreateTime);
        if (!s.SpotInstanceRequestId || !isNew(created, context.since)) continue;
        const arn = `arn:${account.partition}:ec2:${region}:${account.id}:spot-instances-request/${s.SpotInstanceRequestId}`;
        result.items.push(item({ kind: 'ec2-spot-request', id: s.SpotInstanceRequestId, arn, region, createdAt: created, detail: { state: s.State ?? 'unknown', ...(s.InstanceId ? { instanceId: s.InstanceId } : {}), ...(s.Type ? { type: s.Type } : {}) } }));
      }
    }
  });
}

async function launchTemplates(client: EC2Client, context: ReadContext, result: ReadResult): Promise<void> {
  const { paginateDescribeLaunchTemplates } = awsSdk('ec2');
  const { region, account } = context;
  await attempt(result, ['ec2-launch-template'], region, 'ec2:DescribeLaunchTemplates', async () => {
    for await (const page of paginateDescribeLaunchTemplates({ client, pageSize: 200 }, {})) {
      for (const t of page.LaunchTemplates ?? []) {
        const created = isoOf(t.CreateTime);
        if (!t.LaunchTemplateId || !isNew(created, context.since)) continue;
        const arn = `arn:${account.partition}:ec2:${region}:${account.id}:launch-template/${t.LaunchTemplateId}`;
        // EC2 records the maker itself.
        result.items.push(item({ kind: 'ec2-launch-template', id: t.LaunchTemplateId, arn, region, createdAt: created, ...(t.CreatedBy ? { createdBy: t.CreatedBy } : {}), detail: { name: t.LaunchTemplateName ?? '' } }));
      }
    }
  });
}

async function keyPairs(client: EC2Client, context: ReadContext, result: ReadResult): Promise<void> {
  const { DescribeKeyPairsCommand } = awsSdk('ec2');
  const { region, account } = context;
  await attempt(result, ['ec2-key-pair'], region, 'ec2:DescribeKeyPairs', async () => {
    // DescribeKeyPairs has no pages: one answer holds every key pair of the region.
    const { KeyPairs = [] } = await client.send(new DescribeKeyPairsCommand({}));
    for (const k of KeyPairs) {
      const created = isoOf(k.CreateTime);
      if (!k.KeyPairId || !isNew(created, context.since)) continue;
      result.items.push(item({ kind: 'ec2-key-pair', id: k.KeyPairId, arn: `arn:${account.partition}:ec2:${region}:${account.id}:key-pair/${k.KeyPairId}`, region, createdAt: created, detail: { keyName: k.KeyName ?? '', keyType: k.KeyType ?? '' } }));
    }
  });
}
