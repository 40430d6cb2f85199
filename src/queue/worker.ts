/**
 * `bulwark worker --queue postgres://…`: takes account jobs off the queue and runs the scan
 * pipeline on them, on as many machines as there are workers. A result is written before its
 * job is completed, so a worker killed mid-job loses nothing: the job expires and is run again.
 */
import { hostname } from 'node:os';
import type pg from 'pg';
import { readPart, scanAccount, type AccountReader } from '../org/account-scan.js';
import { jobKey, partKey } from '../org/region-groups.js';
import { connectPostgres, migrate } from '../store/postgres.js';
import { SCHEMA } from '../store/migrations.js';
import { QUEUE, startBoss, type QueuedAccount } from './boss.js';

export interface WorkerOptions {
  readonly url: string;
  /** Accounts scanned at once by this worker. */
  readonly accountConcurrency: number;
  readonly read: AccountReader;
  readonly name?: string;
  readonly pollSeconds?: number;
  readonly maintenanceSeconds?: number;
  readonly log?: (line: string) => void;
}

export interface RunningWorker {
  readonly name: string;
  /** Finishes the jobs in hand, then stops taking jobs. */
  stop(): Promise<void>;
}

/** Any two numbers as an advisory-lock key: the job's, so no two workers ever scan one account (or one part of it) at once. */
const LOCK_CLASS = 0x62756c77; // "bulw"

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const pool = await connectPostgres(options.url, options.accountConcurrency + 2);
  await migrate(pool);
  const boss = await startBoss(options.url, { ...(options.maintenanceSeconds ? { maintenanceSeconds: options.maintenanceSeconds } : {}) });
  const log = options.log ?? (() => undefined);
  const workOptions = { batchSize: 1, pollingIntervalSeconds: options.pollSeconds ?? 1, includeMetadata: true as const };
  for (let slot = 0; slot < options.accountConcurrency; slot++) {
    await boss.work<QueuedAccount>(QUEUE, workOptions, async ([job]) => {
      if (!job) return;
      const { scanId, job: accountJob, settings } = job.data;
      const part = partKey(accountJob.part);
      const key = jobKey(accountJob);
      await withJobLock(pool, key, async () => {
        // A retried job whose earlier attempt did finish (the worker died before completing it) is not scanned twice.
        if (await hasResult(pool, scanId, accountJob.account.id, part)) return;
        log(`${key} started (attempt ${job.retryCount + 1})`);
        // A part of a split account is only read: the coordinator merges the parts and evaluates them once.
        const result = accountJob.part ? await readPart(accountJob, settings, options.read) : await scanAccount(accountJob, settings, options.read);
        await pool.query(
          `INSERT INTO ${SCHEMA}.job_results (scan_id, account_id, part, result, worker) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (scan_id, account_id, part) DO UPDATE SET result = EXCLUDED.result, worker = EXCLUDED.worker, finished_at = now()`,
          [scanId, accountJob.account.id, part, JSON.stringify(result), name],
        );
        const status = 'status' in result ? result.status : 'unreachable' in result.outcome ? 'unreachable' : 'read';
        log(`${key} ${status} in ${(result.durationMs / 1000).toFixed(1)} s (${result.calls} calls)`);
      });
    });
  }
  return {
    name,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
      await pool.end();
    },
  };
}

async function hasResult(pool: pg.Pool, scanId: string, accountId: string, part: string): Promise<boolean> {
  const { rowCount } = await pool.query(`SELECT 1 FROM ${SCHEMA}.job_results WHERE scan_id = $1 AND account_id = $2 AND part = $3`, [scanId, accountId, part]);
  return Boolean(rowCount);
}

/**
 * A session lock on the job's key (the account, or one part of a split account), held on its own connection for the whole scan: if the job
 * expired while its first worker is still scanning, the retry waits for it, then finds its result
 * and scans nothing. A dead worker's connection closes and frees the lock.
 */
async function withJobLock(pool: pg.Pool, key: string, run: () => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS, key]);
    try {
      await run();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, key]);
    }
  } finally {
    client.release();
  }
}
