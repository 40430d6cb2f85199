/** The caller's credentials and a reader of member accounts, as `scan --org` and `bulwark worker` both need them. */
import type { CallStats } from '../aws/stats.js';
import { liveReader, type AccountJob, type AccountReader } from '../org/account-scan.js';
import { memberCredentials, OrgLimits } from '../org/member-context.js';
import { AwsContext } from '../aws/context.js';
import type { Io } from './io.js';
import { connectAws, type LiveOptions } from './live.js';

/** Calls in flight per account, and per account and region: AWS throttles per account. */
const PER_ACCOUNT = 8;
const PER_ACCOUNT_REGION = 4;

export interface OrgReader {
  readonly aws: AwsContext;
  readonly stsRegion: string;
  readonly read: AccountReader;
  /** A context in one account of the organisation: the caller's own, or through the account's member role. */
  readonly contextFor: (job: AccountJob) => Promise<AwsContext>;
}

export async function connectOrgReader(options: LiveOptions, io: Io, stats: CallStats): Promise<OrgReader> {
  const { aws, stsRegion, credentials } = await connectAws(options, io, stats);
  const read = liveReader({
    credentials,
    env: io.env,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    stsRegion,
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.sessionDuration ? { sessionDuration: options.sessionDuration } : {}),
    requestTimeoutMs: Math.min(15_000, options.timeoutSeconds * 1000),
    callTimeoutMs: options.timeoutSeconds * 1000,
    limits: new OrgLimits({ global: options.concurrency, perAccount: PER_ACCOUNT, perAccountRegion: PER_ACCOUNT_REGION }),
  });
  const contextFor = async (job: AccountJob): Promise<AwsContext> => {
    if (!job.roleArn) return aws;
    const member = await memberCredentials(credentials, {
      roleArn: job.roleArn,
      stsRegion,
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      ...(options.externalId ? { externalId: options.externalId } : {}),
      ...(options.sessionDuration ? { sessionDuration: options.sessionDuration } : {}),
    });
    return new AwsContext({ credentials: member, stats, env: io.env, ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}), concurrency: PER_ACCOUNT, requestTimeoutMs: Math.min(15_000, options.timeoutSeconds * 1000), callTimeoutMs: options.timeoutSeconds * 1000 });
  };
  return { aws, stsRegion, read, contextFor };
}
