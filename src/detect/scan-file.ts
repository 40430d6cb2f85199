/**
 * One file's work, done in a worker: decompress, then parse each record, keep it if in the time
 * range, and match it against the rule index. Only the matches travel back to the main thread, in
 * event time order so that correlations see them as they happened.
 */
import { readLogFile } from '../logs/records.js';
import type { TimeRange } from '../logs/cloudtrail-files.js';
import { eventTime } from './alert.js';
import type { RuleIndex } from './rule-index.js';
import type { Event } from './sigma/fields.js';
import { project, type SlimMatches } from './slim.js';

export interface Match {
  readonly rule: number;
  readonly event: Event;
}

export interface FileResult {
  /** Records read in the time range. */
  readonly events: number;
  /** Records outside --since/--until. */
  readonly outside: number;
  /** Entries that were not CloudTrail records. */
  readonly skipped: number;
  readonly bytes: number;
  readonly compressedBytes: number;
  readonly problem?: string;
  readonly matches: Match[];
}

/** Matches of `slim.rules` are sent cut down by project (see slim.ts). */
export interface Slim extends Omit<SlimMatches, 'rules'> {
  readonly rules: ReadonlySet<number>;
}

export function scanFile(index: RuleIndex, data: Uint8Array, range: TimeRange, slim?: Slim): FileResult {
  const bounded = range.since !== undefined || range.until !== undefined;
  /** Each match with its event's time, parsed once rather than at every comparison of the sort. */
  let matches: { time: number; match: Match }[] = [];
  let events = 0;
  let outside = 0;
  const read = readLogFile(data, {
    visit(record) {
      if (bounded) {
        const t = eventTime(record);
        if ((range.since !== undefined && !(t >= range.since)) || (range.until !== undefined && !(t <= range.until))) {
          outside++;
          return;
        }
      }
      events++;
      let projected: Event | undefined;
      let time: number | undefined;
      index.match(record, (rule) => matches.push({ time: (time ??= eventTime(record) || 0), match: { rule, event: slim?.rules.has(rule) ? (projected ??= project(record, slim)) : record } }));
    },
    restart() {
      matches = [];
      events = 0;
      outside = 0;
    },
  });
  matches.sort((a, b) => a.time - b.time);
  return { events, outside, skipped: read.skipped, bytes: read.bytes, compressedBytes: data.length, ...(read.problem ? { problem: read.problem } : {}), matches: matches.map((m) => m.match) };
}
