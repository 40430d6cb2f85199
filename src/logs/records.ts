/**
 * The bytes of one log file into CloudTrail records, whatever shape it has: gzip or not, a trail's
 * `{"Records": […]}`, a JSON array of records, or JSON Lines (CloudTrail Lake and Athena exports).
 * What is not a CloudTrail record is counted, and a file that cannot be read at all says why in
 * one line; nothing here throws.
 */
import { isAscii } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

export type CloudTrailRecord = Record<string, unknown>;

/** What reading a file found besides its records. */
export interface FileSummary {
  /** Entries that were not CloudTrail records (or JSON Lines that did not parse). */
  readonly skipped: number;
  /** Set when the file could not be read as CloudTrail at all. */
  readonly problem?: string;
  /** Uncompressed bytes. */
  readonly bytes: number;
}

export interface ParsedFile extends FileSummary {
  readonly records: CloudTrailRecord[];
}

/**
 * Where readLogFile hands the records, in file order. `restart` withdraws every record visited so
 * far: the file was not what its first records suggested (it is then read again whole), or it
 * turned out unreadable, whose records never count.
 */
export interface RecordSink {
  visit(record: CloudTrailRecord): void;
  restart(): void;
}

/** A whole-document file larger than this once decompressed is refused rather than exhausting memory. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export function isRecord(value: unknown): value is CloudTrailRecord {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const r = value as CloudTrailRecord;
  return typeof r.eventName === 'string' && typeof r.eventSource === 'string' && typeof r.eventTime === 'string' && !Number.isNaN(Date.parse(r.eventTime));
}

/** The worst ratio deflate reaches: no honest gzip member expands more than this. */
const MAX_RATIO = 1032;

/**
 * A gzip file ends with its uncompressed size (mod 2^32): one output buffer of that size spares
 * zlib's many small chunks and the copy that joins them. The trailer is only a hint (a file of
 * several members, or a corrupt one, just takes more chunks), so it is bounded by what the input
 * could honestly expand to.
 */
function outputChunk(data: Uint8Array): number {
  const n = data.length;
  const size = n >= 18 ? (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0 : 0;
  return Math.max(64 * 1024, Math.min(size + 1, n * MAX_RATIO, MAX_DOCUMENT_BYTES));
}

/** Every record of a file at once: for callers that keep them all. */
export function parseLogFile(data: Uint8Array): ParsedFile {
  let records: CloudTrailRecord[] = [];
  const summary = readLogFile(data, { visit: (r) => records.push(r), restart: () => (records = []) });
  return { records, ...summary };
}

/** The records of a file one at a time, each parsed only when the last one was visited. */
export function readLogFile(data: Uint8Array, sink: RecordSink): FileSummary {
  let text: string;
  let bytes = data.length;
  try {
    const gzipped = data[0] === 0x1f && data[1] === 0x8b;
    const raw = gzipped ? gunzipSync(data, { maxOutputLength: MAX_DOCUMENT_BYTES, chunkSize: outputChunk(data) }) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    bytes = raw.length;
    // CloudTrail is almost always ASCII, which decodes as latin1 by a plain copy, far faster than UTF-8.
    text = raw.toString(isAscii(raw) ? 'latin1' : 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_BUFFER_TOO_LARGE' ? `larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB decompressed` : `not valid gzip (${(error as Error).message})`;
    return { skipped: 0, problem: reason, bytes };
  }
  const start = text.search(/\S/);
  if (start < 0) return { skipped: 0, bytes };
  if (text[start] === '[') return fromDocument(text, start, bytes, new Tally(sink));
  if (text[start] !== '{') return { skipped: 0, problem: 'not JSON (it does not start with { or [)', bytes };
  const firstLineEnd = text.indexOf('\n', start);
  if (firstLineEnd < 0 || text.slice(firstLineEnd).trim() === '') return fromDocument(text, start, bytes, new Tally(sink));
  // A first line that is a whole object and not a Records wrapper means JSON Lines.
  let first: unknown;
  try {
    first = JSON.parse(text.slice(start, firstLineEnd));
  } catch {
    return fromDocument(text, start, bytes, new Tally(sink));
  }
  if (first && typeof first === 'object' && 'Records' in first) return fromDocument(text, start, bytes, new Tally(sink));
  return fromLines(text, bytes, new Tally(sink));
}

const WRAPPER = '{"Records":[';
const JSON_SPACE = /^[ \t\n\r]*$/;

/**
 * A trail file, `{"Records":[{"eventVersion":…},{"eventVersion":…}]}`, parsed one record at a
 * time: a record no rule matches then dies young, where a whole file parsed at once outlives
 * several young-generation collections (copied each time, then promoted). The records are cut
 * before each `,{"eventVersion":` (the first record's first key); if every piece parses as one
 * JSON value, the pieces are exactly the elements JSON.parse of the whole file would give. A cut
 * that was not between records leaves a piece that does not parse: false, and the caller restarts.
 */
function eachWrapped(text: string, start: number, tally: Tally): boolean {
  const end = text.lastIndexOf(']}');
  const first = start + WRAPPER.length;
  if (!text.startsWith(WRAPPER, start) || !JSON_SPACE.test(text.slice(0, start)) || end < first || !JSON_SPACE.test(text.slice(end + 2))) return false;
  const key = text.indexOf('":', first);
  if (!text.startsWith('{"', first) || key < 0 || key >= end) return false;
  const cut = `,${text.slice(first, key + 2)}`;
  for (let at = first; at < end; ) {
    let next = text.indexOf(cut, at);
    if (next < 0 || next > end) next = end;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(at, next));
    } catch {
      return false;
    }
    tally.add(value);
    at = next + 1;
  }
  return true;
}

function fromDocument(text: string, start: number, bytes: number, tally: Tally): FileSummary {
  if (eachWrapped(text, start, tally)) return tally.summary(bytes);
  tally.restart();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { skipped: 0, problem: `not valid JSON (${(error as Error).message}); a truncated file?`, bytes };
  }
  if (Array.isArray(doc)) return tally.addAll(doc as unknown[]).summary(bytes);
  const wrapped = doc && typeof doc === 'object' ? (doc as { Records?: unknown }).Records : undefined;
  if (Array.isArray(wrapped)) return tally.addAll(wrapped as unknown[]).summary(bytes);
  if (isRecord(doc)) return tally.addAll([doc]).summary(bytes);
  return { skipped: 0, problem: 'JSON, but not CloudTrail (no "Records" list, no array of records)', bytes };
}

function fromLines(text: string, bytes: number, tally: Tally): FileSummary {
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    tally.add(value);
  }
  const summary = tally.summary(bytes);
  return { ...summary, skipped: summary.skipped + bad };
}

/** Hands the records on to the sink and counts the entries that are not records. */
class Tally {
  private records = 0;
  private skipped = 0;

  constructor(private readonly sink: RecordSink) {}

  add(value: unknown): void {
    if (isRecord(value)) {
      this.records++;
      this.sink.visit(value);
    } else this.skipped++;
  }

  addAll(values: readonly unknown[]): this {
    for (const v of values) this.add(v);
    return this;
  }

  restart(): void {
    this.records = 0;
    this.skipped = 0;
    this.sink.restart();
  }

  summary(bytes: number): FileSummary {
    const { records, skipped } = this;
    if (!records && skipped) return { skipped, problem: `no CloudTrail records among its ${skipped} entries (each needs eventSource, eventName and a valid eventTime)`, bytes };
    return { skipped, bytes };
  }
}
