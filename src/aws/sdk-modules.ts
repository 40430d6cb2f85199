/**
 * Loading an SDK client package takes a noticeable part of a second (the EC2 one most). The scan
 * starts loading the packages its collectors will use while STS answers, instead of one by one
 * when each collector first runs.
 */
import type { ServiceName } from './context.js';

const LOADERS: Record<ServiceName, () => Promise<unknown>> = {
  sts: () => import('@aws-sdk/client-sts'),
  iam: () => import('@aws-sdk/client-iam'),
  ec2: () => import('@aws-sdk/client-ec2'),
  s3: () => import('@aws-sdk/client-s3'),
  s3control: () => import('@aws-sdk/client-s3-control'),
  organizations: () => import('@aws-sdk/client-organizations'),
  rds: () => import('@aws-sdk/client-rds'),
  lambda: () => import('@aws-sdk/client-lambda'),
  cloudformation: () => import('@aws-sdk/client-cloudformation'),
  ecs: () => import('@aws-sdk/client-ecs'),
  cloudtrail: () => import('@aws-sdk/client-cloudtrail'),
  guardduty: () => import('@aws-sdk/client-guardduty'),
  cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
  sns: () => import('@aws-sdk/client-sns'),
  budgets: () => import('@aws-sdk/client-budgets'),
  account: () => import('@aws-sdk/client-account'),
  logs: () => import('@aws-sdk/client-cloudwatch-logs'),
  kms: () => import('@aws-sdk/client-kms'),
  config: () => import('@aws-sdk/client-config-service'),
  securityhub: () => import('@aws-sdk/client-securityhub'),
  accessanalyzer: () => import('@aws-sdk/client-accessanalyzer'),
  servicequotas: () => import('@aws-sdk/client-service-quotas'),
  support: () => import('@aws-sdk/client-support'),
  ce: () => import('@aws-sdk/client-cost-explorer'),
};

/**
 * Starts loading the client packages of these services and returns at once. A package that fails
 * to load fails again, with its error, where a collector imports it: nothing is lost here.
 */
export function preloadClients(services: Iterable<ServiceName>): void {
  for (const service of services) LOADERS[service]().catch(() => undefined);
}
