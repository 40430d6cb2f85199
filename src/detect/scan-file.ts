/**
 * One file's work, done in a worker: decompress, parse, keep the records in the time range, and
 * match them against the rule index. Only the matches travel back to the main thread, in event
 * time order so that correlations see them as they happened.
 */
import { parseLogFile } from '../logs/records.js';
import type { TimeRange } from '../logs/cloudtrail-files.js';
import { eventTime } from './alert.js';
import type { RuleIndex } from './rule-index.js';
import type { Event } from './sigma/fields.js';

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

export function scanFile(index: RuleIndex, data: Uint8Array, range: TimeRange): FileResult {
  const parsed = parseLogFile(data);
  const matches: Match[] = [];
  let events = 0;
  let outside = 0;
  for (const record of parsed.records) {
    if (range.since !== undefined || range.until !== undefined) {
      const t = eventTime(record);
      if ((range.since !== undefined && !(t >= range.since)) || (range.until !== undefined && !(t <= range.until))) {
        outside++;
        continue;
      }
    }
    events++;
    index.match(record, (rule) => matches.push({ rule, event: record }));
  }
  matches.sort((a, b) => (eventTime(a.event) || 0) - (eventTime(b.event) || 0));
  return { events, outside, skipped: parsed.skipped, bytes: parsed.bytes, compressedBytes: data.length, ...(parsed.problem ? { problem: parsed.problem } : {}), matches };
}
