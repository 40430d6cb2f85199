/** The PostgreSQL queue and history store against a real server (scripts/test-postgres.sh starts one). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws, type FakeAws } from './support/fake-aws.js';
import { fakeOrg, managementKey } from './support/fake-org.js';
import { runCli } from './support/run-cli.js';
import { reportSchema } from '../src/core/report-schema.js';
import { startWorker, type RunningWorker } from '../src/queue/worker.js';
import { liveReader, type AccountReader } from '../src/org/account-scan.js';
import { OrgLimits } from '../src/org/member-context.js';

const URL = process.env.BULWARK_TEST_DATABASE_URL;
if (!URL && process.env.CI) throw new Error('BULWARK_TEST_DATABASE_URL is not set: CI runs these tests against a real PostgreSQL (scripts/test-postgres.sh)');

const MANAGEMENT = '100000000001';
const members = Array.from({ length: 6 }, (_, i) => ({ id: String(200000000000 + i), name: `member-${i}` }));

describe.skipIf(!URL)('scan --org --queue on a real PostgreSQL', { timeout: 120_000 }, () => {
  let fake: FakeAws;
  let db: string;
  let admin: pg.Client;
  const env = () => ({ AWS_ACCESS_KEY_ID: managementKey(MANAGEMENT), AWS_SECRET_ACCESS_KEY: 'fake', AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', HOME: '/nonexistent' });

  // While set, every read in this member account (after its role is assumed) hangs: a job caught mid-scan.
  let holding: { account: string; seen: () => void } | undefined;

  beforeAll(async () => {
    const org = fakeOrg({ management: MANAGEMENT, members });
    fake = await startFakeAws((request) => {
      const answer = org(request);
      if (answer && holding && String(request.headers.authorization ?? '').includes(`Credential=ASIA${holding.account}`)) {
        holding.seen();
        return { ...answer, delayMs: 600_000 };
      }
      return answer;
    });
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: managementKey(MANAGEMENT), AWS_SECRET_ACCESS_KEY: 'fake', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' });
    admin = new pg.Client({ connectionString: URL });
    await admin.connect();
    const name = `bulwark_test_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new globalThis.URL(URL!);
    url.pathname = `/${name}`;
    db = url.toString();
  });
  afterAll(async () => {
    await fake.close();
    await admin.end();
  });

  const reader = (): AccountReader =>
    liveReader({ credentials: () => Promise.resolve({ accessKeyId: managementKey(MANAGEMENT), secretAccessKey: 'fake' }), env: {}, endpointUrl: fake.url, stsRegion: 'us-east-1', requestTimeoutMs: 5000, callTimeoutMs: 20_000, limits: new OrgLimits({ global: 16, perAccount: 8, perAccountRegion: 4 }) });

  it('workers take one job per account; a failing job is retried; the coordinator gathers one report and the store keeps it', async () => {
    // The first attempt at one account fails (a worker crash, say): the retry must succeed.
    let failedOnce = false;
    const live = reader();
    const flaky: AccountReader = (job, settings) => {
      if (job.account.id === members[2]!.id && !failedOnce) {
        failedOnce = true;
        return Promise.reject(new Error('worker lost its network'));
      }
      return live(job, settings);
    };
    const workers: RunningWorker[] = [];
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ url: db, accountConcurrency: 2, read: flaky, name: `test-${i}`, pollSeconds: 0.5 }));
    try {
      const run = await runCli(['scan', '--org', '--endpoint-url', fake.url, '--regions', 'us-east-1', '--queue', db, '--format', 'json', '--fail-on', 'none'], env());
      expect(run.code, run.stderr).toBe(0);
      const report = reportSchema.parse(JSON.parse(run.stdout));
      expect(report.organization!.accounts.map((a) => a.status)).toEqual(Array(7).fill('scanned'));
      expect(failedOnce).toBe(true);
      const scanId = /Scan (\S+) saved/.exec(run.stderr)![1]!;
      // The queue database is the history store unless another is named.
      const show = await runCli(['history', 'show', scanId, '--store', db, '--format', 'json'], env());
      expect(reportSchema.parse(JSON.parse(show.stdout)).findings.length).toBe(report.findings.length);
      const list = await runCli(['history', 'list', '--store', db], env());
      expect(list.stdout).toContain(scanId);
      // Never two active jobs for one account: the queue is a singleton queue keyed by account.
      const pool = new pg.Pool({ connectionString: db });
      const { rows } = await pool.query<{ policy: string }>(`SELECT policy FROM bulwark_queue.queue WHERE name = 'bulwark-account-scan'`);
      expect(rows[0]!.policy).toBe('singleton');
      await pool.end();
    } finally {
      for (const w of workers) await w.stop();
    }
  });

  it('a worker killed (SIGKILL) mid-job loses nothing: every account has exactly one result, the same as a run without the kill', { timeout: 240_000 }, async () => {
    const baseline = await runCli(['scan', '--org', '--endpoint-url', fake.url, '--regions', 'us-east-1', '--format', 'json', '--fail-on', 'none', '--history-dir', await mkdtemp(join(tmpdir(), 'bulwark-kill-baseline-'))], env());
    expect(baseline.code, baseline.stderr).toBe(0);

    const target = members[3]!.id;
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    holding = { account: target, seen: () => reached() };
    const workers = [0, 1].map((i) => startWorkerProcess(`w${i}`));
    try {
      // A short job timeout and no retry delay: the lost job is run again within seconds, not minutes.
      const run = runCli(['scan', '--org', '--endpoint-url', fake.url, '--regions', 'us-east-1', '--queue', db, '--job-timeout', '10', '--retry-delay', '0', '--format', 'json', '--fail-on', 'none'], env());
      await held;
      const victim = await Promise.race(workers.map((w) => w.started(target).then(() => w)));
      victim.child.kill('SIGKILL');
      await victim.exited;
      holding = undefined;
      const result = await run;
      expect(result.code, result.stderr).toBe(0);

      const survivor = workers.find((w) => w !== victim)!;
      // The killed worker began the account and never finished it; the other one did, on a later attempt.
      // (On a loaded machine the first attempt may already have expired once: compare attempt numbers.)
      const attempt = (log: string) => Number(new RegExp(`${target} started \\(attempt (\\d+)\\)`).exec(log)?.[1] ?? 0);
      expect(attempt(victim.log())).toBeGreaterThan(0);
      expect(victim.log()).not.toMatch(new RegExp(`${target} scanned`));
      expect(attempt(survivor.log().split('\n').filter((l) => !l.includes('started (attempt 1)') || !victim.log().includes(l)).join('\n'))).toBeGreaterThan(0);
      expect(survivor.log()).toMatch(new RegExp(`${target} scanned`));

      const before = reportSchema.parse(JSON.parse(baseline.stdout));
      const after = reportSchema.parse(JSON.parse(result.stdout));
      const ids = after.organization!.accounts.map((a) => a.id);
      expect(ids).toEqual([MANAGEMENT, ...members.map((m) => m.id)]);
      expect(after.organization!.accounts.every((a) => a.status === 'scanned')).toBe(true);
      expect(new Set(after.findings.map((f) => f.id)).size).toBe(after.findings.length);
      const sorted = (findings: typeof before.findings) => [...findings].sort((a, b) => a.id.localeCompare(b.id));
      expect(sorted(after.findings)).toEqual(sorted(before.findings));
      expect(after.summary).toEqual(before.summary);

      // The history store holds one row per account for the run, with the findings once.
      const scanId = /Scan (\S+) saved/.exec(result.stderr)![1]!;
      const pool = new pg.Pool({ connectionString: db });
      const { rows } = await pool.query<{ account_id: string; findings: string }>(
        `SELECT a.account_id, (SELECT count(*) FROM bulwark.findings f WHERE f.scan_id = a.scan_id AND f.account_id = a.account_id) AS findings
         FROM bulwark.scan_accounts a WHERE a.scan_id = $1 ORDER BY a.account_id`,
        [scanId],
      );
      await pool.end();
      expect(rows.map((r) => r.account_id)).toEqual(ids);
      for (const row of rows) expect(Number(row.findings)).toBe(after.findings.filter((f) => f.resource.account === row.account_id).length);
    } finally {
      holding = undefined;
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exited));
    }
  });

  it('a large account is queued as an account-wide job and one per region group, and merged into the same result', async () => {
    const workers: RunningWorker[] = [];
    const logs: string[] = [];
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ url: db, accountConcurrency: 3, read: reader(), name: `split-${i}`, pollSeconds: 0.5, log: (line) => logs.push(line) }));
    try {
      const args = ['scan', '--org', '--endpoint-url', fake.url, '--regions', 'us-east-1,eu-west-1', '--queue', db, '--format', 'json', '--fail-on', 'none'];
      const whole = await runCli(args, env());
      expect(whole.code, whole.stderr).toBe(0);
      expect(whole.stderr).not.toMatch(/split into region groups/);
      // Judged by the last scan: every account made more than 5 calls, so each is split in two region groups.
      const split = await runCli([...args, '--large-account-calls', '5'], env());
      expect(split.code, split.stderr).toBe(0);
      expect(split.stderr).toMatch(/7 accounts on the queue \(7 large, split into region groups: 21 jobs\)/);
      const target = members[1]!.id;
      for (const part of ['global', 'r0', 'r1']) expect(logs.some((l) => l.startsWith(`${target}/${part} read`))).toBe(true);

      const before = reportSchema.parse(JSON.parse(whole.stdout));
      const after = reportSchema.parse(JSON.parse(split.stdout));
      const sorted = (findings: typeof before.findings) => [...findings].sort((a, b) => a.id.localeCompare(b.id));
      expect(sorted(after.findings)).toEqual(sorted(before.findings));
      expect(after.summary).toEqual(before.summary);
      expect(after.regions).toEqual(before.regions);
      // Per account the same, but for the calls (each part assumes the role and plans the regions) and the time.
      const outcome = (a: (typeof before.organization & object)['accounts'][number]) => ({ ...a, calls: 0, durationMs: 0 });
      expect(after.organization!.accounts.map(outcome)).toEqual(before.organization!.accounts.map(outcome));
    } finally {
      for (const w of workers) await w.stop();
    }
  });

  /** `bulwark worker` as a real process (from the sources), its log kept. */
  function startWorkerProcess(name: string): { child: ChildProcess; log: () => string; started: (account: string) => Promise<void>; exited: Promise<void> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'worker', '--queue', db, '--endpoint-url', fake.url, '--account-concurrency', '2', '--timeout', '30'], {
      env: { ...process.env, ...env(), PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    const waiting: { account: string; resolve: () => void }[] = [];
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      for (const w of waiting) if (log.includes(`${w.account} started`)) w.resolve();
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    return {
      child,
      log: () => `${name}:\n${log}`,
      started: (account) => new Promise<void>((resolve) => (log.includes(`${account} started`) ? resolve() : waiting.push({ account, resolve }))),
      exited,
    };
  }

  it('history migrate is versioned and idempotent; an unreachable database is one line and exit 2', async () => {
    const first = await runCli(['history', 'migrate', '--store', db], env());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/up to date/);
    const { rows } = await admin.query<{ n: string }>('SELECT 1 AS n');
    expect(rows.length).toBe(1);
    const down = await runCli(['history', 'list', '--store', 'postgres://nobody:secret-pw@127.0.0.1:1/none'], env());
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot use the PostgreSQL database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none \(ECONNREFUSED\)/);
    expect(down.stderr).not.toContain('secret-pw');
  });
});
