/**
 * `scan --org --queue postgres://…`: enqueues one job per account (a large one as an account-wide
 * job and one per region group) and gathers the workers' results into the same sink as the
 * in-process pool, as they arrive; a split account is merged and evaluated when its last part is in. The run is recorded in the
 * database first, so a stopped coordinator can be started again with `--resume SCAN` and carries
 * on with what the workers did meanwhile.
 */
import type pg from 'pg';
import { UserError } from '../core/errors.js';
import type { AccountSummary } from '../core/report.js';
import type { ScanPlan } from '../store/store.js';
import { failedResult, mergeParts, type AccountJob, type AccountResult, type AccountScanSettings, type PartResult } from '../org/account-scan.js';
import { jobKey, splitJob } from '../org/region-groups.js';
import type { OrgResults } from '../org/results.js';
import { connectPostgres, migrate, PostgresStore } from '../store/postgres.js';
import { SCHEMA } from '../store/migrations.js';
import type { Io } from '../cli/io.js';
import { DEFAULT_POLICY, ensureQueue, jobInsert, maintenanceSeconds, QUEUE, QUEUE_SCHEMA, startBoss, type QueuePolicy } from './boss.js';

/** An account of the run, and into how many region groups it is split (1 or absent: one job). */
export type QueuedAccountJob = AccountJob & { readonly regionGroups?: number };

export interface CoordinateOptions {
  readonly url: string;
  readonly scanId: string;
  readonly jobs: readonly QueuedAccountJob[];
  readonly settings: AccountScanSettings;
  readonly resume: boolean;
  readonly jobTimeoutSeconds?: number;
  readonly retryDelaySeconds?: number;
  readonly pollMs?: number;
}

const PAGE = 20;

export async function coordinate(options: CoordinateOptions, results: OrgResults, io: Io, expect: (total: number) => void, onDone: (summary: AccountSummary) => void): Promise<void> {
  const pool = await connectPostgres(options.url);
  const policy: QueuePolicy = {
    ...DEFAULT_POLICY,
    ...(options.jobTimeoutSeconds ? { jobTimeoutSeconds: options.jobTimeoutSeconds } : {}),
    ...(options.retryDelaySeconds !== undefined ? { retryDelaySeconds: options.retryDelaySeconds } : {}),
  };
  // The coordinator runs the queue's maintenance too, as often as its job timeout needs.
  const boss = await startBoss(options.url, { maintenanceSeconds: maintenanceSeconds(policy.jobTimeoutSeconds) }).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  try {
    await migrate(pool);
    await ensureQueue(boss, policy);
    const runs = new PostgresStore(pool, options.url, false);
    let { jobs, settings } = options;
    if (options.resume) {
      const stored = await runs.getScan(options.scanId);
      if (!stored) throw new UserError(`the queue database has no run ${options.scanId}: see bulwark history list --store with the same URL`);
      const plan = stored.record.plan;
      jobs = plan.accounts.map((a) => ({ account: { id: a.id, name: a.name }, ...(a.roleArn ? { roleArn: a.roleArn } : {}), ...(a.regionGroups ? { regionGroups: a.regionGroups } : {}) }));
      settings = plan.settings as AccountScanSettings;
    } else {
      await runs.beginScan({ id: options.scanId, startedAt: new Date().toISOString(), status: 'running', source: 'live', plan: { accounts: jobs.map(planned), settings } });
    }
    expect(jobs.length);

    // Enqueue what has neither a result nor a live job (all of it on a first run).
    const queueJobs = jobs.flatMap((j) => splitJob(j, j.regionGroups ?? 1));
    const finished = await keysWithResults(pool, options.scanId);
    const live = await liveJobs(pool, options.scanId);
    const toSend = queueJobs.filter((j) => !finished.has(jobKey(j)) && !live.has(jobKey(j)));
    for (let i = 0; i < toSend.length; i += 500) {
      await boss.insert(toSend.slice(i, i + 500).map((job) => jobInsert({ scanId: options.scanId, job, settings }, policy)));
    }
    const split = jobs.filter((j) => (j.regionGroups ?? 1) > 1).length;
    io.stderr.write(
      `${options.resume ? `Resuming run ${options.scanId}` : `Run ${options.scanId}`}: ${jobs.length} accounts on the queue${split ? ` (${split} large, split into region groups: ${queueJobs.length} jobs)` : ''} (${toSend.length} enqueued${finished.size ? `, ${finished.size} already done` : ''}${live.size ? `, ${live.size} already queued` : ''}); start workers with: bulwark worker --queue <the same URL>\n`,
    );

    const byId = new Map(jobs.map((j) => [j.account.id, j]));
    const seen = new Set<string>();
    let lastNote = 0;
    while (seen.size < jobs.length) {
      let progressed = false;
      for (const result of await newResults(pool, options.scanId, seen)) {
        seen.add(result.account.id);
        onDone(await results.add(result));
        progressed = true;
      }
      for (const [account, parts] of await completeSplits(pool, options.scanId, jobs, seen)) {
        seen.add(account.account.id);
        onDone(await results.add(mergeParts(account, settings, parts)));
        progressed = true;
      }
      for (const failure of await failedJobs(pool, options.scanId, seen)) {
        const job = byId.get(failure.account);
        if (!job || seen.has(failure.account)) continue;
        seen.add(failure.account);
        onDone(await results.add(failedResult(job, settings, `the scan failed after ${policy.retryLimit + 1} attempts: ${failure.message}`)));
        progressed = true;
      }
      if (!progressed) {
        if (Date.now() - lastNote > 60_000 && !io.stderr.isTTY) {
          const states = await jobStates(pool, options.scanId);
          io.stderr.write(`Waiting for workers: ${seen.size}/${jobs.length} done · ${states.active ?? 0} running · ${states.created ?? 0} queued · ${states.retry ?? 0} to retry\n`);
          lastNote = Date.now();
        }
        await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
      }
    }
    await pool.query(`DELETE FROM ${SCHEMA}.job_results WHERE scan_id = $1`, [options.scanId]);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pool.end();
  }
}

function planned(job: QueuedAccountJob): ScanPlan['accounts'][number] {
  return { ...job.account, ...(job.roleArn ? { roleArn: job.roleArn } : {}), ...(job.regionGroups && job.regionGroups > 1 ? { regionGroups: job.regionGroups } : {}) };
}

async function keysWithResults(pool: pg.Pool, scanId: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ key: string }>(`SELECT account_id || part AS key FROM ${SCHEMA}.job_results WHERE scan_id = $1`, [scanId]);
  return new Set(rows.map((r) => r.key));
}

async function liveJobs(pool: pg.Pool, scanId: string): Promise<Set<string>> {
  const { rows } = await pool.query<{ key: string }>(
    `SELECT singleton_key AS key FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'scanId' = $2 AND state IN ('created', 'retry', 'active')`,
    [QUEUE, scanId],
  );
  return new Set(rows.map((r) => r.key));
}

/** A page of whole-account results not yet gathered: a resumed run of a thousand finished accounts is read in pieces. */
async function newResults(pool: pg.Pool, scanId: string, seen: ReadonlySet<string>): Promise<AccountResult[]> {
  const { rows } = await pool.query<{ result: AccountResult }>(
    `SELECT result FROM ${SCHEMA}.job_results WHERE scan_id = $1 AND part = '' AND NOT (account_id = ANY($2::text[])) ORDER BY finished_at LIMIT ${PAGE}`,
    [scanId, [...seen]],
  );
  return rows.map((r) => r.result);
}

/** Split accounts whose every part is in (the account-wide one and each region group), with their parts. */
async function completeSplits(pool: pg.Pool, scanId: string, jobs: readonly QueuedAccountJob[], seen: ReadonlySet<string>): Promise<[QueuedAccountJob, PartResult[]][]> {
  const expected = new Map(jobs.filter((j) => (j.regionGroups ?? 1) > 1 && !seen.has(j.account.id)).map((j) => [j.account.id, j]));
  if (!expected.size) return [];
  const { rows } = await pool.query<{ account_id: string; parts: string }>(
    `SELECT account_id, count(*) AS parts FROM ${SCHEMA}.job_results WHERE scan_id = $1 AND part <> '' AND account_id = ANY($2::text[]) GROUP BY account_id`,
    [scanId, [...expected.keys()]],
  );
  const complete: [QueuedAccountJob, PartResult[]][] = [];
  for (const row of rows) {
    const job = expected.get(row.account_id)!;
    if (Number(row.parts) < job.regionGroups! + 1) continue;
    // One account's parts at a time: memory holds the inventories of one large account.
    const parts = await pool.query<{ result: PartResult }>(`SELECT result FROM ${SCHEMA}.job_results WHERE scan_id = $1 AND account_id = $2 AND part <> '' ORDER BY part`, [scanId, row.account_id]);
    complete.push([job, parts.rows.map((r) => r.result)]);
    if (complete.length >= PAGE) break;
  }
  return complete;
}

async function failedJobs(pool: pg.Pool, scanId: string, seen: ReadonlySet<string>): Promise<{ account: string; message: string }[]> {
  const { rows } = await pool.query<{ account: string; output: { message?: string } | null }>(
    `SELECT DISTINCT ON (singleton_key) split_part(singleton_key, '/', 1) AS account, output FROM ${QUEUE_SCHEMA}.job
     WHERE name = $1 AND data->>'scanId' = $2 AND state = 'failed' AND NOT (split_part(singleton_key, '/', 1) = ANY($3::text[]))
       AND NOT EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j2 WHERE j2.name = $1 AND j2.singleton_key = job.singleton_key AND j2.data->>'scanId' = $2 AND j2.state IN ('created', 'retry', 'active'))
       AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.job_results r WHERE r.scan_id = $2 AND r.account_id || r.part = job.singleton_key)
     ORDER BY singleton_key, completed_on DESC`,
    [QUEUE, scanId, [...seen]],
  );
  return rows.map((r) => ({ account: r.account, message: (r.output?.message ?? 'no message').split('\n')[0]! }));
}

async function jobStates(pool: pg.Pool, scanId: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'scanId' = $2 GROUP BY state`, [QUEUE, scanId]);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
