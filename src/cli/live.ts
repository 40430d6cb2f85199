/** Collecting from a live account: credentials, identity, regions, then the collectors. */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsContext } from '../aws/context.js';
import { createCredentials } from '../aws/credentials.js';
import { whoAmI } from '../aws/identity.js';
import { HOME_REGION } from '../aws/partition.js';
import { planRegions } from '../aws/regions.js';
import { listProfiles, sharedFiles } from '../aws/profiles.js';
import { UserError } from '../core/errors.js';
import type { CallStats } from '../aws/stats.js';
import { preloadClients } from '../aws/sdk-modules.js';
import { collectInventory, servicesFor } from '../core/collect.js';
import type { DataKey } from '../collectors/keys.js';
import type { Inventory } from '../inventory/schema.js';
import type { Io } from './io.js';
import { ProgressLine } from './progress.js';

export interface LiveOptions {
  readonly profile?: string;
  readonly roleArn?: string;
  readonly externalId?: string;
  readonly mfaSerial?: string;
  readonly sessionDuration?: number;
  readonly region?: string;
  readonly regions?: string[];
  readonly endpointUrl?: string;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  /** No progress line and no "Scanning account" notice (warnings still print). */
  readonly quiet?: boolean;
}

/** Credentials and clients for the account: the default chain, or the role the options name. */
export async function connectAws(options: LiveOptions, io: Io, stats: CallStats): Promise<{ aws: AwsContext; stsRegion: string; credentials: AwsCredentialIdentityProvider }> {
  const { env } = io;
  const stsRegion = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const profile = options.profile ?? (env.AWS_PROFILE || undefined);
  if (profile) await checkProfile(profile, options.profile ? '--profile' : 'AWS_PROFILE', env);
  const credentials = await createCredentials({
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.roleArn ? { roleArn: options.roleArn } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(options.mfaSerial ? { mfaSerial: options.mfaSerial } : {}),
    ...(options.sessionDuration ? { sessionDuration: options.sessionDuration } : {}),
    region: stsRegion,
    ...(io.prompt && io.stdinIsTTY ? { promptMfaCode: (serial: string) => io.prompt!(`MFA code for ${serial}: `) } : {}),
  });
  const aws = new AwsContext({
    credentials,
    stats,
    env,
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
    concurrency: options.concurrency,
    requestTimeoutMs: Math.min(15_000, options.timeoutSeconds * 1000),
    callTimeoutMs: options.timeoutSeconds * 1000,
  });
  return { aws, stsRegion, credentials };
}

/** A profile that is in neither shared file is named as such, with the ones that are. */
async function checkProfile(profile: string, from: string, env: NodeJS.ProcessEnv): Promise<void> {
  const files = sharedFiles(env);
  const profiles = await listProfiles(files);
  if (profiles.includes(profile)) return;
  const known = profiles.length ? `profiles there: ${profiles.join(', ')}` : `they hold no profile: create it with aws configure --profile ${profile} (or aws configure sso)`;
  throw new UserError(`${from} ${profile}: no such profile in ${files.config} or ${files.credentials}; ${known}`);
}

export async function collectLive(options: LiveOptions, needs: ReadonlySet<DataKey>, io: Io, stats: CallStats): Promise<{ inventory: Inventory; aws: AwsContext }> {
  const { aws, stsRegion } = await connectAws(options, io, stats);
  // Loaded while STS answers; EC2 lists the regions next.
  preloadClients(new Set(['ec2', ...servicesFor(needs)]));
  const account = await stats.phase('identity', () => whoAmI(aws, stsRegion));
  const homeRegion = options.region ?? HOME_REGION[account.partition];
  const regions = await stats.phase('regions', () => planRegions(aws, homeRegion, options.regions));
  if (regions.warning) io.stderr.write(`warning: ${regions.warning}\n`);
  if (!options.quiet) io.stderr.write(
    `Scanning account ${account.id} as ${account.callerArn} in ${regions.scanned.length} regions` +
      (regions.skipped.length ? ` (${regions.skipped.length} skipped: not enabled)` : '') +
      '\n',
  );

  const progress = new ProgressLine(io.stderr, stats);
  if (!options.quiet) progress.start();
  try {
    const inventory = await stats.phase('collect', () =>
      collectInventory(aws, { account, homeRegion, regions: { scanned: regions.scanned, skipped: regions.skipped }, needs }, progress),
    );
    return { inventory, aws };
  } finally {
    progress.stop();
  }
}
