/**
 * The job queue: pg-boss 10 on PostgreSQL. One job per account (or per part of a large account), in
 * a `singleton` queue keyed by account id (and part), so the database itself refuses a second active job for an account; retries with
 * exponential backoff; a job whose worker died (no completion before it expires) is retried.
 */
import PgBoss from 'pg-boss';
import { UserError } from '../core/errors.js';
import { databaseProblem } from '../store/postgres.js';
import type { AccountJob, AccountScanSettings } from '../org/account-scan.js';
import { jobKey } from '../org/region-groups.js';

export const QUEUE = 'bulwark-account-scan';
/** pg-boss keeps its tables in a schema of its own, beside Bulwark's. */
export const QUEUE_SCHEMA = 'bulwark_queue';

export interface QueuedAccount {
  readonly scanId: string;
  readonly job: AccountJob;
  readonly settings: AccountScanSettings;
}

export interface QueuePolicy {
  /** Attempts after the first. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubled each time (pg-boss backoff). */
  readonly retryDelaySeconds: number;
  /** A job not completed within this long is taken to be lost (its worker died) and retried. */
  readonly jobTimeoutSeconds: number;
}

export const DEFAULT_POLICY: QueuePolicy = { retryLimit: 3, retryDelaySeconds: 10, jobTimeoutSeconds: 900 };

/**
 * How often a process looks for expired jobs: a fifth of the job timeout, at most every 15 s, so a
 * dead worker's job is run again soon after it expires, however short the timeout.
 */
export function maintenanceSeconds(jobTimeoutSeconds: number): number {
  return Math.max(1, Math.min(15, Math.floor(jobTimeoutSeconds / 5)));
}

export async function startBoss(url: string, options: { maintenanceSeconds?: number; max?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: options.max ?? 4,
    application_name: 'bulwark-queue',
    // Expired jobs (dead workers) are found by maintenance: often enough that a lost account restarts soon.
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 15,
    monitorStateIntervalSeconds: 60,
  });
  boss.on('error', (error: Error & { code?: string }) => {
    // 23505: two workers raced to activate the same account's job; the unique index refused one. Expected.
    if (error.code === '23505') return;
    process.stderr.write(`bulwark: queue: ${error.message.split('\n')[0]}\n`);
  });
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
    throw new UserError(databaseProblem(url, error));
  }
  return boss;
}

export async function ensureQueue(boss: PgBoss, policy: QueuePolicy): Promise<void> {
  const options = { name: QUEUE, policy: 'singleton' as const, retryLimit: policy.retryLimit, retryDelay: policy.retryDelaySeconds, retryBackoff: true, expireInSeconds: policy.jobTimeoutSeconds };
  if (await boss.getQueue(QUEUE)) await boss.updateQueue(QUEUE, options);
  else await boss.createQueue(QUEUE, options).catch(async (error: Error) => {
    // Another process created it first.
    if (!(await boss.getQueue(QUEUE))) throw error;
  });
}

export function jobInsert(queued: QueuedAccount, policy: QueuePolicy): PgBoss.JobInsert<QueuedAccount> {
  return {
    name: QUEUE,
    data: queued,
    singletonKey: jobKey(queued.job),
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.jobTimeoutSeconds,
  };
}
