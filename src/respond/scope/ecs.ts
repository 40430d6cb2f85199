/** ECS services created since T in one region, over every cluster (DescribeServices takes ten at a time). */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const ecsReader: ScopeReader = {
  name: 'ecs',
  scope: 'regional',
  operations: ['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices'],
  read: readEcs,
};

const DESCRIBE_BATCH = 10;

async function readEcs(context: ReadContext): Promise<ReadResult> {
  const { ECSClient, paginateListClusters } = awsSdk('ecs');
  const { region } = context;
  const client = context.aws.client('ecs', region, ECSClient);
  const result = emptyResult();
  const clusters = await attempt(result, ['ecs-service'], region, 'ecs:ListClusters', async () => {
    const arns: string[] = [];
    for await (const page of paginateListClusters({ client, pageSize: 100 }, {})) arns.push(...(page.clusterArns ?? []));
    return arns;
  });
  await Promise.all((clusters ?? []).map((cluster) => attempt(result, ['ecs-service'], region, 'ecs:ListServices', () => readCluster(client, cluster, context, result))));
  return result;
}

async function readCluster(client: ECSClient, cluster: string, context: ReadContext, result: ReadResult): Promise<void> {
  const { paginateListServices, DescribeServicesCommand } = awsSdk('ecs');
  const arns: string[] = [];
  for await (const page of paginateListServices({ client, pageSize: 100 }, { cluster })) arns.push(...(page.serviceArns ?? []));
  for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
    const batch = arns.slice(i, i + DESCRIBE_BATCH);
    await attempt(result, ['ecs-service'], context.region, 'ecs:DescribeServices', async () => {
      const { services = [] } = await client.send(new DescribeServicesCommand({ cluster, services: batch }));
      for (const s of services) {
        const created = isoOf(s.createdAt);
        if (!s.serviceArn || !isNew(created, context.since)) continue;
        result.items.push(
          item({ kind: 'ecs-service', id: s.serviceArn, arn: s.serviceArn, region: context.region, createdAt: created, parent: cluster, ...(s.createdBy ? { createdBy: s.createdBy } : {}), detail: { name: s.serviceName ?? '', cluster, desiredCount: s.desiredCount ?? 0, taskDefinition: s.taskDefinition ?? '', launchType: s.launchType ?? '' } }),
        );
      }
    });
  }
}
