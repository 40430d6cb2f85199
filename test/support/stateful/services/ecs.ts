/** ECS clusters and services by region (JSON 1.1: ListClusters, ListServices, DescribeServices). Answers only when `ecs` is seeded. */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface EcsSeed {
  readonly regions: Readonly<Record<string, { cluster: string; services: { name: string; created: string; desiredCount: number; createdBy?: string }[] }[]>>;
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });

const service: StatefulService = {
  name: 'ecs',
  handle(request, world) {
    if (request.service !== 'ecs') return undefined;
    const seed = world.section('ecs', (s) => s as EcsSeed | undefined);
    if (!seed) return undefined;
    if (world.isDenied(`ecs:${request.action}`)) return json({ __type: 'AccessDeniedException', message: `not authorized to perform: ecs:${request.action}` }, 400);
    const input = JSON.parse(request.body || '{}') as { cluster?: string; services?: string[] };
    const clusters = seed.regions[request.region] ?? [];
    const clusterArn = (name: string) => `arn:aws:ecs:${request.region}:${world.account}:cluster/${name}`;
    const serviceArn = (cluster: string, name: string) => `arn:aws:ecs:${request.region}:${world.account}:service/${cluster}/${name}`;
    const cluster = clusters.find((c) => clusterArn(c.cluster) === input.cluster || c.cluster === input.cluster);
    switch (request.action) {
      case 'ListClusters':
        return json({ clusterArns: clusters.map((c) => clusterArn(c.cluster)) });
      case 'ListServices':
        if (!cluster) return json({ __type: 'ClusterNotFoundException', message: 'Cluster not found.' }, 400);
        return json({ serviceArns: cluster.services.map((s) => serviceArn(cluster.cluster, s.name)) });
      case 'DescribeServices': {
        if (!cluster) return json({ __type: 'ClusterNotFoundException', message: 'Cluster not found.' }, 400);
        if ((input.services ?? []).length > 10) return json({ __type: 'InvalidParameterException', message: 'at most 10 services' }, 400);
        const services = cluster.services
          .filter((s) => input.services?.includes(serviceArn(cluster.cluster, s.name)) || input.services?.includes(s.name))
          .map((s) => ({ serviceArn: serviceArn(cluster.cluster, s.name), serviceName: s.name, clusterArn: clusterArn(cluster.cluster), status: 'ACTIVE', desiredCount: s.desiredCount, launchType: 'FARGATE', taskDefinition: `arn:aws:ecs:${request.region}:${world.account}:task-definition/${s.name}:1`, createdAt: Date.parse(s.created) / 1000, ...(s.createdBy ? { createdBy: s.createdBy } : {}) }));
        return json({ services, failures: [] });
      }
      default:
        return undefined;
    }
  },
};
export default service;
