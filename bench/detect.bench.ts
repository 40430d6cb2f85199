/**
 * Detect benchmark. The corpus (bench/detect-corpus.ts: BENCH_EVENTS events, default 2,000,000, in
 * BENCH_FILES .json.gz files, default 2,500, plus 57 synthetic SigmaHQ-shaped rules) is written by
 * its own process; then the built CLI runs `detect` over it with the built-in rules and those 57,
 * in a child process of its own, so that the CPU time and peak RSS printed are detect's alone
 * (worker threads included). CPU time is the figure to trust on a shared machine; the load average
 * is printed beside it.
 *
 *   npm run build && BENCH_EVENTS=200000 BENCH_FILES=250 npx tsx bench/detect.bench.ts
 *   BENCH_CORPUS=/tmp/corpus keeps the corpus there and reuses it on the next run of the same size;
 *   BENCH_WORKERS sets --workers; BENCH_CLI runs another build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist/cli.js');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const FILES = Number(process.env.BENCH_FILES ?? 2_500);
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`);
const kept = process.env.BENCH_CORPUS;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'bulwark-detect-bench-'));
try {
  const marker = join(dir, 'corpus.json');
  const size = JSON.stringify({ events: EVENTS, files: FILES });
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== size) {
    rmSync(join(dir, 'AWSLogs'), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const made = spawnSync(process.execPath, [...process.execArgv, join(ROOT, 'bench/detect-corpus.ts'), dir], { stdio: 'inherit', env: { ...process.env, BENCH_EVENTS: String(EVENTS), BENCH_FILES: String(FILES) } });
    if (made.status !== 0) throw new Error('writing the corpus failed');
    writeFileSync(marker, size);
  } else console.log(`Corpus: reusing ${dir} (${EVENTS.toLocaleString('en-US')} events in ${FILES.toLocaleString('en-US')} files)`);

  const report = join(dir, 'report.json');
  const usageFile = join(dir, 'usage.json');
  const args = ['--import', join(ROOT, 'test/support/rss-probe.mjs'), CLI, 'detect', join(dir, 'AWSLogs'), '--rules', join(dir, 'sigmahq-shaped.yml'), '--format', 'json', '--output', report, '--fail-on', 'none'];
  if (process.env.BENCH_WORKERS) args.push('--workers', process.env.BENCH_WORKERS);
  const loadBefore = load();
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, BENCH_RSS_FILE: usageFile }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const wall = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`detect exited ${code}`);
  const { maxRssKiB, cpuMs } = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKiB: number; cpuMs: number };
  const result = JSON.parse(readFileSync(report, 'utf8')) as { rules: { loaded: number; problems: unknown[] }; summary: { events: number; filesRead: number; filesSkipped: number; compressedBytes: number; bytes: number }; alerts: { count: number }[] };
  const s = result.summary;
  const cpu = cpuMs / 1000;
  const rss = maxRssKiB / 1024;
  const eps = s.events / wall;
  console.log(`Rules: ${result.rules.loaded} loaded (${result.rules.problems.length} not loaded); ${s.events.toLocaleString('en-US')} events in ${s.filesRead} files (${s.filesSkipped} skipped), ${(s.compressedBytes / 1e6).toFixed(0)} MB gzip, ${(s.bytes / 1e6).toFixed(0)} MB JSON`);
  console.log(`  wall      ${wall.toFixed(1)} s   ${Math.round(eps).toLocaleString('en-US')} events/s   ${(s.compressedBytes / 1e6 / wall).toFixed(1)} MB/s gzip`);
  console.log(`  CPU       ${cpu.toFixed(1)} s   ${Math.round(s.events / cpu).toLocaleString('en-US')} events per CPU-second   ${((cpu * 1e6) / s.events).toFixed(1)} µs CPU per event`);
  console.log(`  peak RSS  ${rss.toFixed(0)} MiB (the detect process, workers included)`);
  console.log(`  alerts    ${result.alerts.length.toLocaleString('en-US')} (${result.alerts.reduce((n, a) => n + a.count, 0).toLocaleString('en-US')} matching events)`);
  console.log(`  load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}`);
  console.log(`goals: ≥ 100,000 events/s ${eps >= 100_000 ? 'met' : 'NOT met'}; peak RSS ≤ 300 MiB ${rss <= 300 ? 'met' : 'NOT met'}`);
} finally {
  if (!kept) rmSync(dir, { recursive: true, force: true });
}
