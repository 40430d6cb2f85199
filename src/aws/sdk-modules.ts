/**
 * The one loader of AWS SDK client packages. They are CommonJS: on Node 20, `import()` of one
 * parses each of its files twice (once to find its named exports, once to run it), about twice
 * the CPU of `require`, which matters at a second or more for the 23 clients a scan uses. Loaded
 * through one `require`, every caller (and aws-sdk-client-mock in tests, whose `import` of the
 * same CommonJS package shares Node's module cache) sees the same module instance.
 */
import { createRequire } from 'node:module';
import type * as Sts from '@aws-sdk/client-sts';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as S3 from '@aws-sdk/client-s3';
import type * as S3Control from '@aws-sdk/client-s3-control';
import type * as Organizations from '@aws-sdk/client-organizations';
import type * as Rds from '@aws-sdk/client-rds';
import type * as Lambda from '@aws-sdk/client-lambda';
import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import type * as Ecs from '@aws-sdk/client-ecs';
import type * as CloudTrail from '@aws-sdk/client-cloudtrail';
import type * as GuardDuty from '@aws-sdk/client-guardduty';
import type * as CloudWatch from '@aws-sdk/client-cloudwatch';
import type * as Sns from '@aws-sdk/client-sns';
import type * as Budgets from '@aws-sdk/client-budgets';
import type * as Account from '@aws-sdk/client-account';
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import type * as Kms from '@aws-sdk/client-kms';
import type * as Config from '@aws-sdk/client-config-service';
import type * as SecurityHub from '@aws-sdk/client-securityhub';
import type * as AccessAnalyzer from '@aws-sdk/client-accessanalyzer';
import type * as ServiceQuotas from '@aws-sdk/client-service-quotas';
import type * as Support from '@aws-sdk/client-support';
import type * as CostExplorer from '@aws-sdk/client-cost-explorer';
import type { ServiceName } from './context.js';

interface SdkPackages {
  sts: typeof Sts;
  iam: typeof Iam;
  ec2: typeof Ec2;
  s3: typeof S3;
  s3control: typeof S3Control;
  organizations: typeof Organizations;
  rds: typeof Rds;
  lambda: typeof Lambda;
  cloudformation: typeof CloudFormation;
  ecs: typeof Ecs;
  cloudtrail: typeof CloudTrail;
  guardduty: typeof GuardDuty;
  cloudwatch: typeof CloudWatch;
  sns: typeof Sns;
  budgets: typeof Budgets;
  account: typeof Account;
  logs: typeof Logs;
  kms: typeof Kms;
  config: typeof Config;
  securityhub: typeof SecurityHub;
  accessanalyzer: typeof AccessAnalyzer;
  servicequotas: typeof ServiceQuotas;
  support: typeof Support;
  ce: typeof CostExplorer;
}

const PACKAGES: Record<ServiceName, string> = {
  sts: '@aws-sdk/client-sts',
  iam: '@aws-sdk/client-iam',
  ec2: '@aws-sdk/client-ec2',
  s3: '@aws-sdk/client-s3',
  s3control: '@aws-sdk/client-s3-control',
  organizations: '@aws-sdk/client-organizations',
  rds: '@aws-sdk/client-rds',
  lambda: '@aws-sdk/client-lambda',
  cloudformation: '@aws-sdk/client-cloudformation',
  ecs: '@aws-sdk/client-ecs',
  cloudtrail: '@aws-sdk/client-cloudtrail',
  guardduty: '@aws-sdk/client-guardduty',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  sns: '@aws-sdk/client-sns',
  budgets: '@aws-sdk/client-budgets',
  account: '@aws-sdk/client-account',
  logs: '@aws-sdk/client-cloudwatch-logs',
  kms: '@aws-sdk/client-kms',
  config: '@aws-sdk/client-config-service',
  securityhub: '@aws-sdk/client-securityhub',
  accessanalyzer: '@aws-sdk/client-accessanalyzer',
  servicequotas: '@aws-sdk/client-service-quotas',
  support: '@aws-sdk/client-support',
  ce: '@aws-sdk/client-cost-explorer',
};

const requirePackage = createRequire(import.meta.url);

/** The SDK client package of a service, loaded on first use (synchronously) and cached by Node. */
export function awsSdk<S extends ServiceName>(service: S): SdkPackages[S] {
  return requirePackage(PACKAGES[service]) as SdkPackages[S];
}

/**
 * Loads the client packages of these services in the background, one per event-loop turn, so the
 * call in flight (STS) is answered in between. A package that fails to load fails again, with its
 * error, where a collector asks for it: nothing is lost here.
 */
export function preloadClients(services: Iterable<ServiceName>): void {
  const queue = [...services];
  const next = (): void => {
    const service = queue.shift();
    if (!service) return;
    try {
      awsSdk(service);
    } catch {
      // Reported where the package is used.
    }
    setImmediate(next);
  };
  setImmediate(next);
}
