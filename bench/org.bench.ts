/**
 * Organisation benchmark: a simulated organisation of small accounts behind the local AWS
 * look-alike, scanned (1) in-process and (2) by worker processes on the PostgreSQL queue, one of
 * which is killed (SIGKILL) a third of the way through. Prints accounts per minute, total wall,
 * AWS calls, CPU seconds and peak RSS of the coordinator and of each worker, the load average, and
 * whether the queued run's findings equal the in-process run's (the kill must change nothing).
 * Goal (issue 16): 1,000 accounts in under 10 minutes with 4 workers, every process ≤ 300 MiB.
 *
 *   npm run build && scripts/test-postgres.sh npx tsx bench/org.bench.ts
 *
 * Environment (defaults in brackets):
 *   BENCH_ORG_ACCOUNTS   accounts in the organisation, the management account included [1000]
 *   BENCH_LATENCY_MS     latency of every AWS call [50]
 *   BENCH_ORG_WORKERS    queue worker processes [4]
 *   BENCH_ORG_KILL       1: SIGKILL the first worker a third of the way through; 0: no kill [1]
 *   BENCH_ORG_IN_PROCESS 1: also run in-process, the reference the queued findings must equal [1]
 *   BENCH_JOB_TIMEOUT    --job-timeout of the queued run, seconds: how soon a killed worker's jobs are retried; a job slower than
 *                        this (a loaded machine) is taken as lost too, and fails after 4 attempts [120]
 *   BULWARK_BENCH_DATABASE_URL  PostgreSQL to use (else scripts/test-postgres.sh's BULWARK_TEST_DATABASE_URL)
 * On a shared machine judge by the CPU seconds and RSS, not the wall time: the load average is printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAws } from '../test/support/fake-aws.js';
import { fakeOrg, managementKey } from '../test/support/fake-org.js';

const ACCOUNTS = Number(process.env.BENCH_ORG_ACCOUNTS ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const WORKERS = Number(process.env.BENCH_ORG_WORKERS ?? 4);
const KILL = process.env.BENCH_ORG_KILL !== '0';
const IN_PROCESS = process.env.BENCH_ORG_IN_PROCESS !== '0';
const JOB_TIMEOUT = Number(process.env.BENCH_JOB_TIMEOUT ?? 120);
const DB = process.env.BULWARK_BENCH_DATABASE_URL ?? process.env.BULWARK_TEST_DATABASE_URL;
if (!existsSync('dist/cli.js')) throw new Error('run npm run build first: the benchmark runs dist/cli.js as real processes');
if (!DB) throw new Error('no PostgreSQL: run through scripts/test-postgres.sh, or set BULWARK_BENCH_DATABASE_URL');

const MANAGEMENT = '100000000001';
const members = Array.from({ length: ACCOUNTS - 1 }, (_, i) => ({ id: String(200000000000 + i), name: `member-${i}` }));
const handler = fakeOrg({ management: MANAGEMENT, members: members.map((m) => ({ ...m, shape: { regions: ['us-east-1'], users: 2, groupsPerRegion: 2, instancesPerRegion: 0, buckets: 1 } })) });
let calls = 0;
const fake = await startFakeAws((request) => {
  calls += 1;
  return handler(request);
}, { latencyMs: LATENCY_MS });
// The fake keeps every request for tests; a benchmark only counts them.
const keep = setInterval(() => (fake.requests.length = 0), 1000);

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: managementKey(MANAGEMENT),
  AWS_SECRET_ACCESS_KEY: 'benchmark',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  HOME: tmpdir(),
};
const common = ['--endpoint-url', fake.url, '--regions', 'us-east-1', '--fail-on', 'none'];

const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in clock ticks of 1/100 s on Linux

/** Peak resident memory (VmHWM) and CPU time (utime + stime) of a live process, sampled until it exits. */
function watch(child: ChildProcess): { peakMiB: () => number; cpuSeconds: () => number; exited: Promise<number> } {
  let peak = 0;
  let cpu = 0;
  const sample = () => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu = Math.max(cpu, (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 200);
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => (clearInterval(timer), resolve(code ?? -1))));
  return { peakMiB: () => peak / 1024, cpuSeconds: () => cpu, exited };
}

const run = (args: string[], log?: (line: string) => void) => {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    for (const line of chunk.toString().split('\n')) if (line) log?.(line);
  });
  return { child, ...watch(child), tail: () => tail };
};

type Doc = { findings: { id: string; status: string }[]; organization: { accounts: { status: string; reason?: string }[] } };
const verdicts = (doc: Doc) => doc.findings.map((f) => `${f.id}:${f.status}`).sort().join('\n');

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const lines = [`Bulwark organisation benchmark · ${ACCOUNTS} accounts (1 region, small) · ${LATENCY_MS} ms per AWS call · load average at start ${load()}`];

// 1. In-process: the reference.
let localDoc: Doc | undefined;
if (IN_PROCESS) {
  const inProcessOut = join(tmpdir(), `bulwark-org-bench-inprocess-${process.pid}.json`);
  calls = 0;
  const t0 = performance.now();
  const local = run(['scan', '--org', ...common, '--account-concurrency', '8', '--concurrency', '32', '--history-dir', join(tmpdir(), `bulwark-bench-history-${process.pid}`), '--format', 'json', '--output', inProcessOut]);
  if ((await local.exited) !== 0) throw new Error(`in-process run failed: ${local.tail()}`);
  const seconds = (performance.now() - t0) / 1000;
  localDoc = JSON.parse(await readFile(inProcessOut, 'utf8')) as Doc;
  lines.push(`in-process (8 accounts at a time, 32 calls in flight): wall ${seconds.toFixed(0)} s · ${perMinute(seconds)} accounts/min · ${calls} calls · CPU ${local.cpuSeconds().toFixed(1)} s · peak RSS ${local.peakMiB().toFixed(0)} MiB`);
}

// 2. Workers on the queue; the first is killed (SIGKILL) a third of the way through.
const queueOut = join(tmpdir(), `bulwark-org-bench-queue-${process.pid}.json`);
calls = 0;
const t0 = performance.now();
let done = 0;
const workers = Array.from({ length: WORKERS }, () => run(['worker', '--queue', DB, '--endpoint-url', fake.url, '--account-concurrency', '6', '--concurrency', '24']));
let killedAt = -1;
const coordinator = run(['scan', '--org', ...common, '--queue', DB, '--job-timeout', String(JOB_TIMEOUT), '--retry-delay', '1', '--format', 'json', '--output', queueOut], (line) => {
  const m = /^Accounts (\d+)\//.exec(line);
  if (m) done = Number(m[1]);
  if (KILL && killedAt < 0 && done >= ACCOUNTS / 3) {
    killedAt = done;
    workers[0]!.child.kill('SIGKILL');
  }
});
const coordinatorCode = await coordinator.exited;
const seconds = (performance.now() - t0) / 1000;
const queuedCalls = calls;
for (const w of workers.slice(KILL ? 1 : 0)) w.child.kill('SIGTERM');
await Promise.all(workers.map((w) => w.exited));
if (coordinatorCode !== 0) throw new Error(`queued run failed: ${coordinator.tail()}`);
const queueDoc = JSON.parse(await readFile(queueOut, 'utf8')) as Doc;
clearInterval(keep);
await fake.close();

const same = localDoc ? verdicts(localDoc) === verdicts(queueDoc) : undefined;
const workerCpu = workers.reduce((n, w) => n + w.cpuSeconds(), 0);
lines.push(
  `queue, ${WORKERS} workers (6 accounts, 24 calls each)${KILL ? `, worker 1 killed at ${killedAt} accounts` : ''}: wall ${seconds.toFixed(0)} s · ${perMinute(seconds)} accounts/min · ${queuedCalls} calls`,
  `  CPU: coordinator ${coordinator.cpuSeconds().toFixed(1)} s · workers ${workers.map((w) => w.cpuSeconds().toFixed(1)).join(' / ')} s (total ${(coordinator.cpuSeconds() + workerCpu).toFixed(1)} s)`,
  `  peak RSS: coordinator ${coordinator.peakMiB().toFixed(0)} MiB · workers ${workers.map((w) => w.peakMiB().toFixed(0)).join(' / ')} MiB`,
  `  findings: ${queueDoc.findings.length}${localDoc ? ` (in-process ${localDoc.findings.length})` : ''} · accounts scanned ${queueDoc.organization.accounts.filter((a) => a.status === 'scanned').length}/${ACCOUNTS} · equal to the in-process run: ${same === undefined ? 'not compared' : same ? 'yes' : 'NO'}`,
  ...[...new Set(queueDoc.organization.accounts.filter((a) => a.status !== 'scanned').map((a) => `  not scanned: ${a.status}: ${a.reason ?? ''}`))].slice(0, 3),
  `load average at end ${load()}`,
  '',
);
process.stdout.write(lines.join('\n'));
if (same === false) process.exitCode = 1;

function perMinute(s: number): string {
  return ((ACCOUNTS / s) * 60).toFixed(0);
}
