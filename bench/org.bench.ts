/**
 * Organisation benchmark: a simulated organisation of small accounts (default 1,000) behind the
 * local AWS look-alike at 50 ms per call, scanned (1) in-process and (2) by 4 worker processes on
 * the PostgreSQL queue, one of which is killed mid-run. Prints accounts per minute, total calls,
 * the peak RSS of the coordinator and of each worker, and whether the killed worker changed any
 * result (the two runs' findings are compared).
 *
 *   scripts/test-postgres.sh npx tsx bench/org.bench.ts      # needs `npm run build` (dist/cli.js)
 *   BENCH_ORG_ACCOUNTS=200 BENCH_LATENCY_MS=50 …
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAws } from '../test/support/fake-aws.js';
import { fakeOrg, managementKey } from '../test/support/fake-org.js';

const ACCOUNTS = Number(process.env.BENCH_ORG_ACCOUNTS ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const WORKERS = 4;
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

/** Peak resident memory (VmHWM) of a live process, sampled until it exits. */
function watch(child: ChildProcess): { peakMiB: () => number; exited: Promise<number> } {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {
      // exited
    }
  }, 200);
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => (clearInterval(timer), resolve(code ?? -1))));
  return { peakMiB: () => peak / 1024, exited };
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

type Doc = { findings: { id: string; status: string }[]; organization: { accounts: { status: string }[] } };
const verdicts = (doc: Doc) => doc.findings.map((f) => `${f.id}:${f.status}`).sort().join('\n');

// 1. In-process.
const inProcessOut = join(tmpdir(), `bulwark-org-bench-inprocess-${process.pid}.json`);
calls = 0;
let t0 = performance.now();
const local = run(['scan', '--org', ...common, '--account-concurrency', '8', '--concurrency', '32', '--history-dir', join(tmpdir(), `bulwark-bench-history-${process.pid}`), '--format', 'json', '--output', inProcessOut]);
if ((await local.exited) !== 0) throw new Error(`in-process run failed: ${local.tail()}`);
const inProcess = { seconds: (performance.now() - t0) / 1000, calls, peak: local.peakMiB() };
const localDoc = JSON.parse(await readFile(inProcessOut, 'utf8')) as Doc;

// 2. Four workers on the queue; one is killed (SIGKILL) a third of the way through.
const queueOut = join(tmpdir(), `bulwark-org-bench-queue-${process.pid}.json`);
calls = 0;
t0 = performance.now();
let done = 0;
const workers = Array.from({ length: WORKERS }, () => run(['worker', '--queue', DB, '--endpoint-url', fake.url, '--account-concurrency', '6', '--concurrency', '24']));
let killedAt = -1;
const coordinator = run(['scan', '--org', ...common, '--queue', DB, '--job-timeout', '60', '--format', 'json', '--output', queueOut], (line) => {
  const m = /^Accounts (\d+)\//.exec(line);
  if (m) done = Number(m[1]);
  if (killedAt < 0 && done >= ACCOUNTS / 3) {
    killedAt = done;
    workers[0]!.child.kill('SIGKILL');
  }
});
const coordinatorCode = await coordinator.exited;
const queued = { seconds: (performance.now() - t0) / 1000, calls, peak: coordinator.peakMiB() };
for (const w of workers.slice(1)) w.child.kill('SIGTERM');
await Promise.all(workers.map((w) => w.exited));
if (coordinatorCode !== 0) throw new Error(`queued run failed: ${coordinator.tail()}`);
const queueDoc = JSON.parse(await readFile(queueOut, 'utf8')) as Doc;
clearInterval(keep);
await fake.close();

const same = verdicts(localDoc) === verdicts(queueDoc);
const perMinute = (s: number) => ((ACCOUNTS / s) * 60).toFixed(0);
process.stdout.write(
  [
    `Bulwark organisation benchmark · ${ACCOUNTS} accounts (1 region, small) · ${LATENCY_MS} ms per AWS call`,
    `in-process (8 accounts at a time, 32 calls in flight): ${inProcess.seconds.toFixed(0)} s · ${perMinute(inProcess.seconds)} accounts/min · ${inProcess.calls} calls · peak RSS ${inProcess.peak.toFixed(0)} MiB`,
    `queue, ${WORKERS} workers (6 accounts, 24 calls each), worker 1 killed at ${killedAt} accounts: ${queued.seconds.toFixed(0)} s · ${perMinute(queued.seconds)} accounts/min · ${queued.calls} calls`,
    `  peak RSS: coordinator ${queued.peak.toFixed(0)} MiB · workers ${workers.map((w) => `${w.peakMiB().toFixed(0)}`).join(' / ')} MiB`,
    `  findings: ${queueDoc.findings.length} (in-process ${localDoc.findings.length}) · accounts scanned ${queueDoc.organization.accounts.filter((a) => a.status === 'scanned').length}/${ACCOUNTS} · killed worker changed a result: ${same ? 'no' : 'YES'}`,
    '',
  ].join('\n'),
);
if (!same) process.exitCode = 1;
