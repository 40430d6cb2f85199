/**
 * One account of an organisation scan: the same pipeline as `bulwark scan` (identity, regions,
 * collectors, engine) run in that account's own context. The job and its settings are plain data,
 * so the same function runs in the in-process pool and in a queue worker on another machine.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CHECKS } from '../checks/index.js';
import { errorCode } from '../aws/errors.js';
import { whoAmI } from '../aws/identity.js';
import { planRegions } from '../aws/regions.js';
import type { Partition } from '../inventory/schema.js';
import type { DataKey } from '../collectors/keys.js';
import { collectInventory, unreadableInventory } from '../core/collect.js';
import { evaluate } from '../core/engine.js';
import type { NotCollected } from '../core/fact.js';
import type { Finding } from '../core/finding.js';
import type { Config } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import { AccountContext, memberCredentials, type OrgLimits } from './member-context.js';
import { mergeInventories, partPlan, type AccountPart } from './region-groups.js';
import { withOrganizationFacts, type OrganizationFacts } from './organization-facts.js';

export interface AccountJob {
  readonly account: { readonly id: string; readonly name: string };
  /** The member role to assume; absent for the caller's own account, scanned with the caller's credentials. */
  readonly roleArn?: string;
  /** One part of a large account split into region groups (queued runs only); absent: the whole account. */
  readonly part?: AccountPart;
}

/** The same for every account of a run, and sent to queue workers with each job. */
export interface AccountScanSettings {
  readonly checks: readonly string[];
  readonly needs: readonly DataKey[];
  readonly partition: Partition;
  readonly homeRegion: string;
  readonly regions?: readonly string[];
  readonly config: Config;
  /** What the caller read for the whole organisation, used where a member may not read it itself. */
  readonly organization?: OrganizationFacts;
}

export type AccountStatus = 'scanned' | 'unreachable' | 'failed';

export interface AccountResult {
  readonly account: AccountJob['account'];
  readonly status: AccountStatus;
  /** Why an account is unreachable or failed: one line. */
  readonly reason?: string;
  readonly regions: Inventory['regions'];
  readonly collectedAt: string;
  readonly durationMs: number;
  readonly calls: number;
  readonly findings: readonly Finding[];
}

/** Reads one account: its inventory, or the reason it could not be read at all. */
export type AccountReader = (job: AccountJob, settings: AccountScanSettings) => Promise<{ inventory: Inventory; calls: number } | { unreachable: NotCollected; calls: number }>;

export async function scanAccount(job: AccountJob, settings: AccountScanSettings, read: AccountReader): Promise<AccountResult> {
  const part = await readPart(job, settings, read);
  return resultOf(job, settings, part.outcome, part.calls, part.durationMs);
}

/** One part of a split account, read and not yet evaluated: its inventory travels to the merge. */
export interface PartResult {
  readonly account: AccountJob['account'];
  readonly part?: AccountPart;
  readonly outcome: { readonly inventory: Inventory } | { readonly unreachable: NotCollected };
  readonly calls: number;
  readonly durationMs: number;
}

export async function readPart(job: AccountJob, settings: AccountScanSettings, read: AccountReader): Promise<PartResult> {
  const started = performance.now();
  const { calls, ...outcome } = await read(job, settings);
  return { account: job.account, ...(job.part ? { part: job.part } : {}), outcome, calls, durationMs: Math.round(performance.now() - started) };
}

/** The account's result from all its parts (the account-wide one among them): as if read in one job. */
export function mergeParts(job: AccountJob, settings: AccountScanSettings, parts: readonly PartResult[]): AccountResult {
  const calls = parts.reduce((n, p) => n + p.calls, 0);
  const durationMs = Math.max(0, ...parts.map((p) => p.durationMs));
  const unreachable = parts.find((p) => 'unreachable' in p.outcome);
  if (unreachable) return resultOf(job, settings, unreachable.outcome, calls, durationMs);
  const inventories = (list: readonly PartResult[]) => list.map((p) => (p.outcome as { inventory: Inventory }).inventory);
  const [global] = inventories(parts.filter((p) => p.part?.kind === 'global'));
  if (!global) throw new Error(`account ${job.account.id}: the account-wide part is missing from the merge`);
  const inventory = mergeInventories(global, inventories(parts.filter((p) => p.part?.kind === 'regions')));
  return resultOf(job, settings, { inventory }, calls, durationMs);
}

function resultOf(job: AccountJob, settings: AccountScanSettings, outcome: PartResult['outcome'], calls: number, durationMs: number): AccountResult {
  if ('unreachable' in outcome) return { ...unreadableResult(job, settings, outcome.unreachable, 'unreachable'), durationMs, calls };
  const inventory = withOrganizationFacts(outcome.inventory, settings.organization);
  return {
    account: job.account,
    status: 'scanned',
    regions: inventory.regions,
    collectedAt: inventory.collectedAt,
    durationMs,
    calls,
    findings: evaluate(selected(settings), inventory, { now: new Date(inventory.collectedAt), config: settings.config }),
  };
}

/** A job that failed for good (retries exhausted): the account's verdicts are UNKNOWN, with the reason. */
export function failedResult(job: AccountJob, settings: AccountScanSettings, message: string): AccountResult {
  const reason: NotCollected = { status: 'not-collected', kind: 'error', operation: 'bulwark:ScanAccount', errorCode: 'ScanFailed', message: message.split('\n')[0]!.slice(0, 300) };
  return unreadableResult(job, settings, reason, 'failed');
}

function unreadableResult(job: AccountJob, settings: AccountScanSettings, reason: NotCollected, status: AccountStatus): AccountResult {
  const regions = { scanned: [...(settings.regions ?? [settings.homeRegion])], skipped: [] };
  const inventory = unreadableInventory({ account: { id: job.account.id, partition: settings.partition }, homeRegion: settings.homeRegion, regions, needs: new Set(settings.needs) }, reason);
  const findings = evaluate(selected(settings), inventory, { now: new Date(inventory.collectedAt), config: settings.config });
  return { account: job.account, status, reason: reason.message, regions, collectedAt: inventory.collectedAt, durationMs: 0, calls: 0, findings };
}

const byId = new Map(CHECKS.map((c) => [c.id, c]));
function selected(settings: AccountScanSettings) {
  return settings.checks.map((id) => byId.get(id)).filter((c) => c !== undefined);
}

/** What a live reader needs that is not plain data: credentials, endpoints, limits. */
export interface LiveRuntime {
  readonly credentials: AwsCredentialIdentityProvider;
  readonly env: NodeJS.ProcessEnv;
  readonly endpointUrl?: string;
  readonly stsRegion: string;
  readonly externalId?: string;
  readonly sessionDuration?: number;
  readonly requestTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly limits: OrgLimits;
}

/** Reads a live account, assuming its member role when the job names one. */
export function liveReader(runtime: LiveRuntime): AccountReader {
  return async (job, settings) => {
    const credentials = job.roleArn
      ? await memberCredentials(runtime.credentials, {
          roleArn: job.roleArn,
          stsRegion: runtime.stsRegion,
          ...(runtime.endpointUrl ? { endpointUrl: runtime.endpointUrl } : {}),
          ...(runtime.externalId ? { externalId: runtime.externalId } : {}),
          ...(runtime.sessionDuration ? { sessionDuration: runtime.sessionDuration } : {}),
        })
      : runtime.credentials;
    const aws = new AccountContext(
      job.account.id,
      { credentials, env: runtime.env, ...(runtime.endpointUrl ? { endpointUrl: runtime.endpointUrl } : {}), requestTimeoutMs: runtime.requestTimeoutMs, callTimeoutMs: runtime.callTimeoutMs },
      runtime.limits,
    );
    try {
      const role = job.roleArn ? await assumed(credentials, job.roleArn) : undefined;
      if (role) return { unreachable: role, calls: 1 };
      const identity = await whoAmI(aws, runtime.stsRegion).catch((error: Error) => error);
      if (identity instanceof Error) return { unreachable: notReadable('sts:GetCallerIdentity', errorCode(identity), identity.message), calls: aws.stats.totalCalls };
      if (identity.id !== job.account.id) {
        return { unreachable: notReadable('sts:GetCallerIdentity', 'WrongAccount', `the credentials belong to account ${identity.id}, not ${job.account.id}`), calls: aws.stats.totalCalls };
      }
      const regions = await planRegions(aws, settings.homeRegion, settings.regions);
      const plan = { account: { id: identity.id, partition: identity.partition }, homeRegion: settings.homeRegion, regions: { scanned: regions.scanned, skipped: regions.skipped }, needs: new Set(settings.needs) };
      const inventory = await collectInventory(aws, partPlan(plan, job.part));
      return { inventory, calls: aws.stats.totalCalls + (job.roleArn ? 1 : 0) };
    } finally {
      aws.destroy();
      runtime.limits.release(job.account.id);
    }
  };
}

/** Assumes the member role once, up front: a missing or untrusting role is one reason, not a hundred denials. */
async function assumed(credentials: AwsCredentialIdentityProvider, roleArn: string): Promise<NotCollected | undefined> {
  try {
    await credentials();
    return undefined;
  } catch (error) {
    const code = errorCode(error);
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const hint = code === 'AccessDenied' ? ': deploy the member role (docs/permissions/member-role.stackset.yaml) and check --member-role and --external-id' : '';
    return { ...notReadable('sts:AssumeRole', code, `cannot assume ${roleArn} (${code})${hint}${detail ? ` — ${detail}` : ''}`), ...(code === 'AccessDenied' ? { kind: 'access-denied' as const, permission: 'sts:AssumeRole' } : {}) };
  }
}

function notReadable(operation: string, code: string, message: string): NotCollected {
  return { status: 'not-collected', kind: 'error', operation, errorCode: code, message: message.split('\n')[0]!.slice(0, 400) };
}
