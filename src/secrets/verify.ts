/**
 * `--verify`: asks STS who a found key pair belongs to (sts:GetCallerIdentity, which needs no
 * permission). Each call is signed with the found key, so it is recorded in the CloudTrail of the
 * key's account: the plan says so before anything is sent, and `--verify-accounts` keeps the calls
 * to accounts the user names.
 */
import { AwsContext } from '../aws/context.js';
import { CallStats } from '../aws/stats.js';
import { errorCode } from '../aws/errors.js';
import { shortKeyId } from '../fixers/iam.js';
import { canaryOwner } from './canary.js';
import { keyIdPlaceholder } from './findings.js';
import type { Secret } from './scan.js';
import { awsSdk } from '../aws/sdk-modules.js';

export interface VerifyOptions {
  readonly accounts?: readonly string[];
  readonly region: string;
  readonly endpointUrl?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutSeconds: number;
}

/**
 * The keys `--verify` will call STS with, and the ones it leaves alone and why. A canary key is
 * never called with (the call would set it off): it is marked as a canary, not verified.
 */
export function verifyPlan(secrets: readonly Secret[], accounts: readonly string[] | undefined, canaryAccounts: readonly string[] = []): { call: Secret[]; skip: { secret: Secret; reason: string }[] } {
  const call: Secret[] = [];
  const skip: { secret: Secret; reason: string }[] = [];
  for (const secret of secrets) {
    if (!secret.keyId || secret.finding.ignored) continue;
    const { accountId } = secret.finding;
    const canary = canaryOwner(accountId, canaryAccounts);
    if (canary) {
      const detail = `account ${accountId} is a canary account of ${canary}: any call with this key alerts whoever planted it`;
      secret.finding.verification = { status: 'canary', account: accountId!, detail };
      secret.finding.next ??= 'a canary token: do not use it; if you did not plant it, find out who did and why it is here';
      skip.push({ secret, reason: `a canary token (${detail})` });
    } else if (secret.finding.notGenuine) skip.push({ secret, reason: `not a genuine key id (${secret.finding.notGenuine})` });
    else if (!secret.secretKey) skip.push({ secret, reason: 'no secret access key found next to it' });
    else if (secret.keyId.startsWith('ASIA') && !secret.sessionToken) skip.push({ secret, reason: 'a temporary key without its session token' });
    else if (accounts && !(secret.finding.accountId && accounts.includes(secret.finding.accountId))) skip.push({ secret, reason: `its account ${secret.finding.accountId ?? '(not encoded in old key ids)'} is not in --verify-accounts` });
    else call.push(secret);
  }
  return { call, skip };
}

export function describePlan(plan: ReturnType<typeof verifyPlan>): string {
  const accounts = [...new Set(plan.call.map((s) => s.finding.accountId ?? 'unknown'))];
  const lines = [
    `Verify plan: ${plan.call.length} sts:GetCallerIdentity call${plan.call.length === 1 ? '' : 's'}, one per key pair found${accounts.length ? `, to accounts ${accounts.join(', ')}` : ''}.`,
    '  Each call is signed with the found key and is recorded in that account\'s CloudTrail (its owner may see it and alert on it).',
    ...plan.skip.map(({ secret, reason }) => `  not verified: ${secret.finding.preview} at ${secret.finding.location.path}:${secret.finding.location.line}: ${reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function verifyKeys(secrets: readonly Secret[], options: VerifyOptions): Promise<void> {
  const { STSClient, GetCallerIdentityCommand } = awsSdk('sts');
  for (const secret of secrets) {
    const { finding } = secret;
    const aws = new AwsContext({
      credentials: () => Promise.resolve({ accessKeyId: secret.keyId!, secretAccessKey: secret.secretKey!, ...(secret.sessionToken ? { sessionToken: secret.sessionToken } : {}) }),
      stats: new CallStats(),
      env: options.env,
      ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
      concurrency: 1,
      requestTimeoutMs: Math.min(15_000, options.timeoutSeconds * 1000),
      callTimeoutMs: options.timeoutSeconds * 1000,
    });
    try {
      const identity = await aws.client('sts', options.region, STSClient).send(new GetCallerIdentityCommand({}));
      finding.verification = { status: 'live', ...(identity.Arn ? { arn: identity.Arn } : {}), ...(identity.Account ? { account: identity.Account } : {}) };
      finding.next ??= `the key (${shortKeyId(secret.keyId!)}) is live: deactivate it now (aws iam update-access-key --access-key-id ${keyIdPlaceholder(finding)} --status Inactive in account ${identity.Account ?? '?'}), then rotate it`;
    } catch (error) {
      const code = errorCode(error);
      const rejected = ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'AccessDenied', 'UnrecognizedClientException'].includes(code);
      finding.verification = rejected ? { status: 'rejected', detail: `${code}: AWS does not accept the key (deactivated, deleted or expired)` } : { status: 'error', detail: `${code}: could not tell` };
    }
  }
}
