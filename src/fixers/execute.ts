/**
 * The one place that turns a planned call into an AWS SDK v3 command: `iam:UpdateAccessKey` →
 * IAMClient + UpdateAccessKeyCommand, or the `sdk` override (`S3Control.PutPublicAccessBlock`).
 * Only fix code reaches this module; collectors and checks never do (test/read-only.test.ts).
 */
import type { AwsContext, ServiceName } from '../aws/context.js';
import type { FixCall } from '../core/fix-plan.js';
import { awsSdk } from '../aws/sdk-modules.js';

type SdkModule = Record<string, unknown>;

interface ClientEntry {
  readonly service: ServiceName;
  readonly client: string;
}

/** SDK clients by their name in `sdk` (`IAM`, `S3Control`). Loaded only when a call needs one. */
const CLIENTS: Record<string, ClientEntry> = {
  IAM: { service: 'iam', client: 'IAMClient' },
  S3: { service: 's3', client: 'S3Client' },
  S3Control: { service: 's3control', client: 'S3ControlClient' },
  EC2: { service: 'ec2', client: 'EC2Client' },
  RDS: { service: 'rds', client: 'RDSClient' },
  CloudTrail: { service: 'cloudtrail', client: 'CloudTrailClient' },
  CloudWatch: { service: 'cloudwatch', client: 'CloudWatchClient' },
  CloudWatchLogs: { service: 'logs', client: 'CloudWatchLogsClient' },
  SNS: { service: 'sns', client: 'SNSClient' },
  Budgets: { service: 'budgets', client: 'BudgetsClient' },
  Account: { service: 'account', client: 'AccountClient' },
  KMS: { service: 'kms', client: 'KMSClient' },
  GuardDuty: { service: 'guardduty', client: 'GuardDutyClient' },
  SecurityHub: { service: 'securityhub', client: 'SecurityHubClient' },
  AccessAnalyzer: { service: 'accessanalyzer', client: 'AccessAnalyzerClient' },
  ConfigService: { service: 'config', client: 'ConfigServiceClient' },
};

/** The SDK client of an IAM action prefix, when the call names no `sdk`. */
const BY_PREFIX: Record<string, string> = {
  iam: 'IAM',
  s3: 'S3',
  ec2: 'EC2',
  rds: 'RDS',
  cloudtrail: 'CloudTrail',
  cloudwatch: 'CloudWatch',
  logs: 'CloudWatchLogs',
  sns: 'SNS',
  budgets: 'Budgets',
  account: 'Account',
  kms: 'KMS',
  guardduty: 'GuardDuty',
  securityhub: 'SecurityHub',
  'access-analyzer': 'AccessAnalyzer',
  config: 'ConfigService',
};

/** `{ client, operation }` of a call, or why it cannot be made (checked when a plan is loaded, before anything runs). */
export function resolveCall(call: Pick<FixCall, 'action' | 'sdk'>): { client: string; operation: string } | { error: string } {
  const [prefix = '', permission = ''] = call.action.split(':');
  const [client, operation] = call.sdk ? call.sdk.split('.') : [BY_PREFIX[prefix], permission];
  if (!client || !CLIENTS[client]) return { error: `no SDK client for ${call.sdk ?? call.action}` };
  if (!operation) return { error: `no operation in ${call.sdk ?? call.action}` };
  return { client, operation };
}

type Constructor = new (input: unknown) => object;
type SendingClient = { send(command: object): Promise<unknown> };

/** Runs one call through the shared context (credentials, limit, retries, counting). `global` goes to the home region. */
export async function executeCall(aws: AwsContext, call: FixCall, homeRegion: string): Promise<unknown> {
  const resolved = resolveCall(call);
  if ('error' in resolved) throw Object.assign(new Error(resolved.error), { name: 'UnknownOperation' });
  const entry = CLIENTS[resolved.client]!;
  const sdk = awsSdk(entry.service) as SdkModule;
  const Command = sdk[`${resolved.operation}Command`] as Constructor | undefined;
  if (typeof Command !== 'function') throw Object.assign(new Error(`the AWS SDK has no ${resolved.client}.${resolved.operation}`), { name: 'UnknownOperation' });
  const client = aws.client(entry.service, call.region === 'global' ? homeRegion : call.region, sdk[entry.client] as new (config: { region: string }) => SendingClient);
  return client.send(new Command(call.input));
}
