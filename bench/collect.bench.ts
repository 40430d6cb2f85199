/**
 * Scan benchmark: whole live scans of the built CLI (dist/, rebuilt first) against the local AWS
 * look-alike with a fixed latency per call, on synthetic accounts of 1,000, 5,000 and 10,000 IAM
 * users with buckets and security groups in proportion. Each scan runs in its own process, so peak
 * RSS is that scan's alone. For each it prints wall time, calls, calls per resource, evaluate time,
 * the scan process's CPU time (which tells work from waiting on a loaded machine), peak RSS and the floor: the same requests replayed raw at the same concurrency (no SDK, no
 * signing, no parsing), or calls × latency ÷ concurrency, whichever is larger.
 *
 *   npm run bench                         # 50 ms per call, the CLI's default concurrency
 *   BENCH_LATENCY_MS=200 BENCH_CONCURRENCY=64 BENCH_USERS=1000 npm run bench
 *   BENCH_CLI=/elsewhere/dist/cli.js …   # another build (say, of main) on the same accounts, for before/after
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeAws } from '../test/support/fake-aws.js';
import { simulatedAccount, type SimulatedAccount } from '../test/support/simulated-account.js';
import { replayFloorMs } from './floor.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
/** Unset: the CLI's own default, which is what these figures are meant to justify. */
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const USERS = (process.env.BENCH_USERS ?? '1000,5000,10000').split(',').map(Number);
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist/cli.js');
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

/** The shape of the account the performance issue measured (1,000 users, 300 buckets, 3 × 100 SGs), scaled. */
const scenario = (users: number): SimulatedAccount => ({
  users,
  regions: REGIONS,
  groupsPerRegion: users / 10,
  instancesPerRegion: users / 200,
  buckets: (users * 3) / 10,
  readOnlyUsers: true,
});

interface Stats {
  totalCalls: number;
  operations: { operation: string; calls: number; retries: number }[];
  phasesMs: Record<string, number>;
}

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
  AWS_SECRET_ACCESS_KEY: 'benchmark',
  AWS_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** One scan in a child process; resolves with its wall time, its report's stats and its peak RSS. */
async function scanOnce(url: string, dir: string): Promise<{ wallMs: number; stats: Stats; maxRssMiB: number; cpuMs: number; concurrency: number }> {
  const report = join(dir, 'bulwark.json');
  const rssFile = join(dir, 'rss.json');
  const args = ['--import', join(ROOT, 'test/support/rss-probe.mjs'), CLI, 'scan', '--endpoint-url', url, '--stats', '--format', 'json', '--output', report, '--fail-on', 'none'];
  if (CONCURRENCY) args.push('--concurrency', String(CONCURRENCY));
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`the scan exited ${code}`);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as { stats: Stats; config: unknown };
  const { maxRssKiB, cpuMs } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
  return { wallMs, stats: parsed.stats, maxRssMiB: maxRssKiB / 1024, cpuMs, concurrency: CONCURRENCY ?? defaultConcurrency() };
}

/** The `--concurrency` default as the CLI's help states it. */
function defaultConcurrency(): number {
  const help = execFileSync(process.execPath, [CLI, 'scan', '--help'], { encoding: 'utf8' });
  return Number(/--concurrency <n>.*?\(default: (\d+)\)/s.exec(help)?.[1] ?? NaN);
}

if (!process.env.BENCH_CLI) {
  process.stderr.write('Building dist/ …\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
}

const rows: string[][] = [];
const verdicts: string[] = [];
for (const users of USERS) {
  const spec = scenario(users);
  const handler = simulatedAccount(spec);
  const fake = await startFakeAws(handler, { latencyMs: LATENCY_MS });
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-'));
  process.stderr.write(`Scanning ${users} users …\n`);
  const run = await scanOnce(fake.url, dir);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
  const { stats } = run;
  const replayMs = await replayFloorMs(handler, fake.requests, LATENCY_MS, run.concurrency);
  const floorMs = Math.max(replayMs, (stats.totalCalls * LATENCY_MS) / run.concurrency);
  const calls = (prefix: string) => stats.operations.filter((o) => o.operation.startsWith(prefix)).reduce((n, o) => n + o.calls, 0);
  const retries = stats.operations.reduce((n, o) => n + o.retries, 0);
  const sgs = spec.regions.length * spec.groupsPerRegion;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = run.wallMs / floorMs;
  const evaluateMs = stats.phasesMs.evaluate ?? 0;
  verdicts.push(
    `${users} users: wall/floor ${ratio.toFixed(2)}x${users <= 1000 ? ` (target ≤ 1.5x: ${ratio <= 1.5 ? 'met' : 'missed'})` : ''}` +
      ` · evaluate ${s(evaluateMs)}${users >= 10_000 ? ` (target < 1 s: ${evaluateMs < 1000 ? 'met' : 'missed'})` : ''}` +
      ` · peak RSS ${run.maxRssMiB.toFixed(0)} MiB (target ≤ ${users <= 1000 ? 200 : 250} MiB: ${run.maxRssMiB <= (users <= 1000 ? 200 : 250) ? 'met' : 'missed'})` +
      ` · scan CPU ${s(run.cpuMs)} for ${stats.totalCalls} calls · load average ${loadavg()[0]!.toFixed(1)}`,
  );
  rows.push([
    String(users),
    `${spec.buckets} / ${sgs}`,
    String(run.concurrency),
    s(run.wallMs),
    s(floorMs),
    `${ratio.toFixed(2)}x`,
    s(stats.phasesMs.collect ?? 0),
    s(evaluateMs),
    s(run.cpuMs),
    `${run.maxRssMiB.toFixed(0)} MiB`,
    String(stats.totalCalls),
    String(retries),
    String(calls('iam:')),
    (calls('s3:') / (spec.buckets ?? 1)).toFixed(2),
    (calls('ec2:DescribeSecurityGroups') / sgs).toFixed(4),
    (stats.totalCalls / (users + (spec.buckets ?? 0) + sgs)).toFixed(3),
  ]);
  // Each row as soon as it is measured, so a long run that is stopped keeps what it has.
  process.stderr.write(`${rows.at(-1)!.join(' | ')}\n`);
}

const header = ['IAM users', 'buckets / SGs', 'concurrency', 'wall', 'floor', 'wall/floor', 'collect', 'evaluate', 'scan CPU', 'peak RSS', 'API calls', 'retries', 'IAM calls', 'S3 calls/bucket', 'SG calls/group', 'calls/resource'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
process.stdout.write(`Bulwark scan benchmark · ${LATENCY_MS} ms per AWS call · ${REGIONS.length} regions · one process per scan\n${line(header)}\n${rows.map(line).join('\n')}\n`);
// Wall time means something only on an idle machine: the load average says whether it was one.
process.stdout.write(`${verdicts.join('\n')}\n`);
