/**
 * The detect pipeline: sources → files → worker pool (decompress, parse, match) → detector
 * (alerts, correlations) → report. Files are applied in the order they were listed (oldest
 * delivery first) whatever order the workers finish in, with a bounded number in flight.
 */
import type { TimeRange } from '../logs/cloudtrail-files.js';
import type { Alert } from './alert.js';
import { Detector } from './detector.js';
import { ScanPool } from './pool.js';
import { byPriority, MAX_INPUT_PROBLEMS, type DetectReport, type InputProblem, type ReadSummary } from './report.js';
import type { FileResult } from './scan-file.js';
import type { Event } from './sigma/fields.js';
import { loadRules, type RuleSource } from './sigma/load.js';
import type { RuleSet } from './sigma/rule.js';
import { createMatcher } from './engine.js';

/** One file to scan: a local path, or something to fetch first (an S3 object). */
export interface Input {
  readonly name: string;
  readonly path?: string;
  readonly fetch?: () => Promise<Uint8Array>;
}

export interface Progress {
  update(summary: Readonly<ReadSummary>, alerts: number, total?: number): void;
}

export class DetectRun {
  readonly set: RuleSet;
  private readonly detector: Detector;
  readonly summary: ReadSummary = { files: 0, filesRead: 0, filesSkipped: 0, filesOutsideRange: 0, events: 0, recordsSkipped: 0, eventsOutsideRange: 0, compressedBytes: 0, bytes: 0, seconds: 0 };
  private readonly problems: InputProblem[] = [];
  private problemsOmitted = 0;
  private readonly started = performance.now();
  private alertsSeen = 0;

  constructor(
    private readonly sources: readonly RuleSource[],
    readonly range: TimeRange,
    private readonly progress?: Progress,
  ) {
    this.set = loadRules(sources);
    this.detector = new Detector(this.set);
  }

  /** Scans files through a pool of `workers` threads (0: on this thread), `fetches` downloads at once. */
  async scanFiles(inputs: AsyncIterable<Input> | Iterable<Input>, workers: number, fetches = 8, total?: number): Promise<void> {
    const wanted = this.set.rules.map((_, i) => i).filter((i) => this.detector.wanted(i));
    const pool = new ScanPool(workers, { sources: this.sources, wanted, range: this.range });
    const inFlight: { name: string; reply: Promise<{ result?: FileResult; unreadable?: string }> }[] = [];
    const window = pool.capacity + fetches;
    const scanOne = async (input: Input) => {
      try {
        const data = input.fetch ? await input.fetch() : undefined;
        return await pool.scan(data ? { data } : { path: input.path ?? input.name });
      } catch (error) {
        return { unreadable: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      }
    };
    try {
      let slimmed = false;
      const apply = async () => {
        await this.applyOldest(inFlight, total);
        if (slimmed) return;
        const slim = this.detector.slimMatches();
        if (slim) pool.slim(slim);
        slimmed = slim !== undefined;
      };
      for await (const input of inputs) {
        this.summary.files++;
        inFlight.push({ name: input.name, reply: scanOne(input) });
        if (inFlight.length >= window) await apply();
      }
      while (inFlight.length) await apply();
    } finally {
      await pool.close();
    }
  }

  /** LookupEvents pages and tests feed records straight in, on this thread. */
  scanEvents(events: readonly Event[]): void {
    const index = (this.eventIndex ??= createMatcher(this.set, (i) => this.detector.wanted(i)));
    for (const event of events) {
      this.summary.events++;
      index.match(event, (rule) => this.detector.match(rule, event));
    }
  }
  private eventIndex?: ReturnType<typeof createMatcher>;

  problem(name: string, reason: string): void {
    if (this.problems.length < MAX_INPUT_PROBLEMS) this.problems.push({ name, reason });
    else this.problemsOmitted++;
  }

  finish(meta: { version: string; now: Date; sources: readonly string[] }): DetectReport {
    const alerts: Alert[] = this.detector.finish().sort(byPriority);
    this.summary.seconds = (performance.now() - this.started) / 1000;
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    const since = iso(this.range.since);
    const until = iso(this.range.until);
    return {
      tool: { name: 'bulwark', version: meta.version },
      generatedAt: meta.now.toISOString(),
      sources: meta.sources,
      range: { ...(since ? { since } : {}), ...(until ? { until } : {}) },
      rules: {
        loaded: this.set.rules.length,
        correlations: this.set.rules.filter((r) => r.kind === 'correlation').length,
        fromFiles: this.sources.length,
        problems: this.set.problems,
      },
      summary: this.summary,
      inputProblems: this.problems,
      inputProblemsOmitted: this.problemsOmitted,
      eventsNotKept: this.detector.eventsNotKept,
      alerts,
    };
  }

  private async applyOldest(inFlight: { name: string; reply: Promise<{ result?: FileResult; unreadable?: string }> }[], total?: number): Promise<void> {
    const { name, reply } = inFlight.shift()!;
    const { result, unreadable } = await reply;
    const s = this.summary;
    if (!result) {
      s.filesSkipped++;
      this.problem(name, unreadable ?? 'could not be read');
    } else {
      s.compressedBytes += result.compressedBytes;
      s.bytes += result.bytes;
      s.events += result.events;
      s.recordsSkipped += result.skipped;
      s.eventsOutsideRange += result.outside;
      if (result.problem) {
        s.filesSkipped++;
        this.problem(name, result.problem);
      } else s.filesRead++;
      if (result.skipped && !result.problem) this.problem(name, `${result.skipped} entr${result.skipped === 1 ? 'y is' : 'ies are'} not CloudTrail records (skipped)`);
      for (const m of result.matches) this.detector.match(m.rule, m.event);
      this.alertsSeen += result.matches.length;
    }
    this.progress?.update(s, this.alertsSeen, total);
  }
}
