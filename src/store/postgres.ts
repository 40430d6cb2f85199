/**
 * PostgreSQL for history and the job queue. Connection details come from the URL, and what it
 * leaves out from the standard PG* variables (PGHOST, PGUSER, PGPASSWORD, …), as psql does.
 */
import pg from 'pg';
import { UserError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { AccountSummary, ScanReport } from '../core/report.js';
import { MIGRATIONS, SCHEMA } from './migrations.js';
import type { HistoryStore, ScanListing, ScanRecord, StoredScan } from './store.js';

export const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\//i.test(value);

/** The URL as it may be printed: never the password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** A pool that has answered once; a database that cannot be reached is one line (exit 2). */
export async function connectPostgres(url: string, max = 4): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000, application_name: 'bulwark' });
  pool.on('error', () => undefined); // an idle client's lost connection is retried on next use
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UserError(databaseProblem(url, error));
  }
  return pool;
}

export function databaseProblem(url: string, error: unknown): string {
  const e = error as { code?: string; message?: string };
  const detail = (e.message ?? String(error)).split('\n')[0];
  return `cannot use the PostgreSQL database ${redactUrl(url)} (${e.code ?? 'error'}): ${detail}; check the URL or the PG* variables, and that the server is running`;
}

/** Applies the migrations not yet applied, under a lock: two processes starting at once apply each once. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('bulwark-migrations'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${SCHEMA}.migrations`);
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    const latest = MIGRATIONS.at(-1)!.version;
    if (newest > latest) throw new UserError(`the database schema ${SCHEMA} is at version ${newest}, newer than this Bulwark knows (${latest}): upgrade Bulwark`);
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => !done.has(m.version))) {
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${SCHEMA}.migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const PAGE = 1000;

export class PostgresStore implements HistoryStore {
  readonly location: string;

  constructor(
    private readonly pool: pg.Pool,
    url: string,
    private readonly ownsPool = true,
  ) {
    this.location = redactUrl(url);
  }

  migrate(): Promise<number[]> {
    return migrate(this.pool);
  }

  /** Beginning a scan again (the queue's coordinator after the history) keeps its place and settings; the accounts' plan is the newer. */
  async beginScan(record: ScanRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${SCHEMA}.scans (id, started_at, status, source, plan) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, plan = jsonb_set(${SCHEMA}.scans.plan, '{accounts}', EXCLUDED.plan->'accounts')`,
      [record.id, record.startedAt, record.status, record.source, JSON.stringify(record.plan)],
    );
  }

  async saveAccount(scanId: string, summary: AccountSummary, findings: readonly Finding[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(
        `INSERT INTO ${SCHEMA}.scan_accounts (scan_id, account_id, summary) VALUES ($1, $2, $3)
         ON CONFLICT (scan_id, account_id) DO UPDATE SET summary = EXCLUDED.summary, saved_at = now()`,
        [scanId, summary.id, JSON.stringify(summary)],
      );
      await client.query(`DELETE FROM ${SCHEMA}.findings WHERE scan_id = $1 AND account_id = $2`, [scanId, summary.id]);
      // One statement per account: the findings go over as one JSON array and are split in the server.
      await client.query(
        `INSERT INTO ${SCHEMA}.findings (scan_id, account_id, ordinal, finding_id, check_id, status, severity, document)
         SELECT $1, $2, f.ordinal, f.doc->>'id', f.doc->>'checkId', f.doc->>'status', f.doc->>'severity', f.doc
         FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS f(doc, ordinal)`,
        [scanId, summary.id, JSON.stringify(findings)],
      );
    });
  }

  async finishScan(scanId: string, header: ScanReport): Promise<void> {
    await this.pool.query(`UPDATE ${SCHEMA}.scans SET status = 'complete', finished_at = $2, header = $3 WHERE id = $1`, [scanId, header.evaluatedAt, JSON.stringify(header)]);
  }

  async listScans(limit: number): Promise<ScanListing[]> {
    const { rows } = await this.pool.query<ScanRow & { seq: string; accounts: string; counts: ScanReport['summary'] | null }>(
      `SELECT s.id, s.seq, s.started_at, s.finished_at, s.status, s.source, s.plan, s.header->'summary' AS counts,
              (SELECT count(*) FROM ${SCHEMA}.scan_accounts a WHERE a.scan_id = s.id) AS accounts
       FROM ${SCHEMA}.scans s ORDER BY s.seq DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ ...toRecord(row), sequence: Number(row.seq), accounts: Number(row.accounts), counts: row.counts ?? undefined }));
  }

  async getScan(id: string): Promise<StoredScan | undefined> {
    const { rows } = await this.pool.query<ScanRow & { header: ScanReport | null }>(`SELECT * FROM ${SCHEMA}.scans WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return undefined;
    const accounts = await this.pool.query<{ summary: AccountSummary }>(`SELECT summary FROM ${SCHEMA}.scan_accounts WHERE scan_id = $1 ORDER BY account_id`, [id]);
    return { record: toRecord(row), ...(row.header ? { header: row.header } : {}), accounts: accounts.rows.map((r) => r.summary) };
  }

  /** Page by page in (account, order) key order: memory holds one page. */
  async *findings(scanId: string, accountId?: string): AsyncGenerator<Finding> {
    let after: [string, number] = ['', 0];
    for (;;) {
      const { rows } = await this.pool.query<{ account_id: string; ordinal: number; document: Finding }>(
        `SELECT account_id, ordinal, document FROM ${SCHEMA}.findings
         WHERE scan_id = $1 AND ($2::text IS NULL OR account_id = $2) AND (account_id, ordinal) > ($3, $4)
         ORDER BY account_id, ordinal LIMIT ${PAGE}`,
        [scanId, accountId ?? null, after[0], after[1]],
      );
      for (const row of rows) yield row.document;
      if (rows.length < PAGE) return;
      const last = rows.at(-1)!;
      after = [last.account_id, last.ordinal];
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private async transaction(run: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await run(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

interface ScanRow {
  id: string;
  started_at: Date;
  finished_at: Date | null;
  status: ScanRecord['status'];
  source: ScanRecord['source'];
  plan: ScanRecord['plan'];
}

function toRecord(row: ScanRow): ScanRecord {
  return {
    id: row.id,
    startedAt: row.started_at.toISOString(),
    ...(row.finished_at ? { finishedAt: row.finished_at.toISOString() } : {}),
    status: row.status,
    source: row.source,
    plan: row.plan,
  };
}
