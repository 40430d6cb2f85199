/**
 * The PostgreSQL schema, as numbered migrations applied in order, once each, by `bulwark history
 * migrate` or on first use. Never edit one that shipped: add the next.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const SCHEMA = 'bulwark';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'scans, accounts and findings',
    sql: `
      CREATE TABLE ${SCHEMA}.scans (
        id text PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        status text NOT NULL CHECK (status IN ('running', 'complete')),
        source text NOT NULL,
        plan jsonb NOT NULL,
        header jsonb
      );
      CREATE TABLE ${SCHEMA}.scan_accounts (
        scan_id text NOT NULL REFERENCES ${SCHEMA}.scans (id) ON DELETE CASCADE,
        account_id text NOT NULL,
        summary jsonb NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scan_id, account_id)
      );
      CREATE TABLE ${SCHEMA}.findings (
        scan_id text NOT NULL,
        account_id text NOT NULL,
        ordinal integer NOT NULL,
        finding_id text NOT NULL,
        check_id text NOT NULL,
        status text NOT NULL,
        severity text NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (scan_id, account_id, ordinal),
        FOREIGN KEY (scan_id, account_id) REFERENCES ${SCHEMA}.scan_accounts (scan_id, account_id) ON DELETE CASCADE
      );`,
  },
  {
    version: 2,
    name: 'scans by start time, for history list',
    sql: `CREATE INDEX scans_started ON ${SCHEMA}.scans (started_at DESC, id DESC);`,
  },
  {
    version: 3,
    name: 'results of queued account jobs',
    sql: `
      CREATE TABLE ${SCHEMA}.job_results (
        scan_id text NOT NULL,
        account_id text NOT NULL,
        result jsonb NOT NULL,
        worker text NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scan_id, account_id)
      );`,
  },
];
