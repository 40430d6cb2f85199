/**
 * `bulwark detect`: CloudTrail logs from files, a trail bucket or LookupEvents, through the
 * built-in and user-supplied Sigma rules, into alerts. Exit 1 when an alert reaches --fail-on,
 * 2 when nothing could be read.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CallStats } from '../../aws/stats.js';
import { UserError } from '../../core/errors.js';
import { severityRank, type Severity } from '../../core/severity.js';
import { writeDemoLogs } from '../../demo/demo-cloudtrail.js';
import { BUILT_IN_RULES, readRuleSources } from '../../detect/engine.js';
import { renderDetect, renderDetectChunks, DETECT_FORMATS, DETECT_FORMAT_NAMES, type DetectFormat } from '../../detect/reporters/index.js';
import { DetectRun, type Progress } from '../../detect/run.js';
import type { ReadSummary } from '../../detect/report.js';
import { listLocalFiles, type TimeRange } from '../../logs/cloudtrail-files.js';
import { lookupEvents, LOOKUP_DAYS } from '../../logs/lookup.js';
import { fetchObject, listTrailObjects, parseS3Url, s3Client } from '../../logs/s3.js';
import { VERSION } from '../../version.js';
import { colorsFor, type Io, type OutputStream } from '../io.js';
import { connectAws, type LiveOptions } from '../live.js';
import { writeTextFile } from '../outputs.js';

export interface DetectOptions extends Partial<Omit<LiveOptions, 'concurrency' | 'timeoutSeconds'>> {
  readonly demo?: boolean;
  readonly s3?: string[];
  readonly lookup?: boolean;
  readonly since?: string;
  readonly until?: string;
  readonly rules?: string[];
  readonly builtinRules?: boolean;
  readonly format?: string[];
  readonly output?: string;
  readonly outputDir?: string;
  readonly failOn?: Severity | 'none';
  readonly workers?: number;
  readonly color?: boolean;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
}

export async function detect(paths: readonly string[], options: DetectOptions, io: Io): Promise<number> {
  const formats = chooseFormats(options.format ?? ['console']);
  if (formats.length > 1 && !options.outputDir) throw new UserError('several formats need --output-dir (one file each)');
  const sourcesGiven = [paths.length > 0, Boolean(options.s3?.length), Boolean(options.lookup), Boolean(options.demo)].filter(Boolean).length;
  if (sourcesGiven === 0) throw new UserError('nothing to read: name log files or folders, --s3 s3://bucket/prefix, --lookup, or --demo');
  if (sourcesGiven > 1) throw new UserError('read one kind of source at a time: files, --s3, --lookup or --demo');
  const now = io.now?.() ?? new Date();
  const range = timeRange(options, now);

  const ruleDirs = [...(options.builtinRules === false ? [] : [BUILT_IN_RULES]), ...(options.rules ?? [])];
  if (!ruleDirs.length) throw new UserError('--no-builtin-rules needs at least one --rules folder');
  const sources = await readRuleSources(ruleDirs);
  const progress = new DetectProgress(io.stderr);
  const run = new DetectRun(sources, range, progress);
  const workers = options.workers ?? Math.min(availableParallelism(), 8);
  const described: string[] = [];
  try {
    if (options.demo) {
      const dir = await mkdtemp(join(tmpdir(), 'bulwark-demo-'));
      try {
        await writeDemoLogs(dir);
        io.stderr.write('Reading the bundled demo log: one day of a small account (111122223333) with a takeover in it\n');
        await scanLocal(run, [dir], workers);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      described.push('demo');
    } else if (paths.length) {
      await scanLocal(run, paths, workers);
      described.push(...paths);
    } else {
      const stats = new CallStats();
      const { aws, stsRegion } = await connectAws({ ...options, concurrency: options.concurrency, timeoutSeconds: options.timeoutSeconds }, io, stats);
      if (options.s3?.length) {
        const client = s3Client(aws, stsRegion);
        for (const url of options.s3) {
          const location = parseS3Url(url);
          described.push(url);
          const objects = listTrailObjects({ client, location, range, ...(options.regions ? { regions: options.regions } : {}), outside: () => run.summary.filesOutsideRange++ });
          async function* inputs() {
            try {
              for await (const o of objects) yield { name: o.name, fetch: () => fetchObject(client, location.bucket, o.key) };
            } catch (error) {
              run.problem(url, `cannot list: ${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`);
            }
          }
          await run.scanFiles(inputs(), workers, Math.min(options.concurrency, 32));
        }
      } else {
        const regions = options.regions?.length ? options.regions : [stsRegion];
        described.push(`LookupEvents in ${regions.join(', ')}${regions.includes('us-east-1') ? '' : ' and us-east-1'}`);
        io.stderr.write(`Reading management events through LookupEvents (2 requests/s per region; about 100 events/s per region at best)\n`);
        const since = range.since ?? now.getTime() - LOOKUP_DAYS * 86_400_000;
        await lookupEvents(aws, {
          regions,
          since,
          until: range.until ?? now.getTime(),
          onPage: (page) => {
            run.summary.files++;
            run.summary.filesRead++;
            run.summary.recordsSkipped += page.skipped;
            run.scanEvents(page.records);
            progress.update(run.summary, 0);
          },
          onRegionError: (region, reason) => {
            run.summary.filesSkipped++;
            run.problem(`LookupEvents ${region}`, reason);
          },
        });
      }
    }
  } finally {
    progress.stop();
  }
  const report = run.finish({ version: VERSION, now, sources: described });

  const plainColors = colorsFor({ write: () => true, isTTY: false }, io.env, false);
  if (options.outputDir) {
    await mkdir(options.outputDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory ${options.outputDir}: ${error.code ?? String(error)}`);
    });
    for (const format of formats) {
      const path = join(options.outputDir, DETECT_FORMATS[format]);
      await writeTextFile(path, renderDetectChunks(format, report, plainColors));
      io.stderr.write(`Report (${format}) written to ${path}\n`);
    }
    io.stdout.write(renderDetect('console', report, colorsFor(io.stdout, io.env, options.color !== false)));
  } else if (options.output) {
    await writeTextFile(options.output, renderDetectChunks(formats[0]!, report, plainColors));
    io.stderr.write(`Report written to ${options.output}\n`);
  } else {
    const format = formats[0]!;
    io.stdout.write(renderDetect(format, report, format === 'console' ? colorsFor(io.stdout, io.env, options.color !== false) : plainColors));
  }

  if (report.summary.filesRead === 0 && report.summary.events === 0) {
    io.stderr.write(`bulwark: nothing could be read (${report.summary.files} ${report.summary.files === 1 ? 'source' : 'sources'} found, ${report.summary.filesSkipped} unreadable)\n`);
    return 2;
  }
  const failOn = options.failOn ?? 'high';
  if (failOn === 'none') return 0;
  return report.alerts.some((a) => severityRank(a.level) >= severityRank(failOn)) ? 1 : 0;
}

async function scanLocal(run: DetectRun, paths: readonly string[], workers: number): Promise<void> {
  const listing = await listLocalFiles(paths, run.range);
  for (const u of listing.unreadable) {
    run.summary.files++;
    run.summary.filesSkipped++;
    run.problem(u.name, u.reason);
  }
  run.summary.filesOutsideRange += listing.outsideRange;
  await run.scanFiles(listing.files.map((f) => ({ name: f.name, path: f.name })), workers, 0, listing.files.length);
}

function chooseFormats(names: readonly string[]): DetectFormat[] {
  const unknown = names.filter((n) => !(DETECT_FORMAT_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new UserError(`unknown format ${unknown.join(', ')}: choose from ${DETECT_FORMAT_NAMES.join(', ')}`);
  return [...new Set(names)] as DetectFormat[];
}

/** `--since 7d`, `--since 2026-11-01`, `--until 2026-11-20T12:00Z`. */
export function parseTime(flag: string, value: string, now: Date): number {
  const relative = /^(\d+)([mhdw])$/.exec(value.trim());
  if (relative) return now.getTime() - Number(relative[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'm'];
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t)) throw new UserError(`${flag} ${value}: expected a date or time (2026-11-20, 2026-11-20T08:00:00Z) or an age such as 30m, 24h, 7d`);
  return t;
}

function timeRange(options: DetectOptions, now: Date): TimeRange {
  const since = options.since ? parseTime('--since', options.since, now) : undefined;
  const until = options.until ? parseTime('--until', options.until, now) : undefined;
  if (since !== undefined && until !== undefined && since > until) throw new UserError('--since is after --until');
  return { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
}

/** Files and events so far on one stderr line, only on a terminal. */
class DetectProgress implements Progress {
  private last = 0;
  constructor(private readonly stream: OutputStream) {}
  update(s: Readonly<ReadSummary>, matches: number, total?: number): void {
    if (!this.stream.isTTY) return;
    const t = performance.now();
    if (t - this.last < 150) return;
    this.last = t;
    const files = total ? `${s.filesRead + s.filesSkipped}/${total} files` : `${s.filesRead + s.filesSkipped} ${s.files ? 'files' : 'pages'}`;
    this.stream.write(`\r\u001b[2KReading ${files} · ${s.events.toLocaleString('en-US')} events · ${matches} rule matches`);
  }
  stop(): void {
    if (this.stream.isTTY) this.stream.write('\r\u001b[2K');
  }
}
