/**
 * The bytes of one log file into CloudTrail records, whatever shape it has: gzip or not, a trail's
 * `{"Records": […]}`, a JSON array of records, or JSON Lines (CloudTrail Lake and Athena exports).
 * What is not a CloudTrail record is counted, and a file that cannot be read at all says why in
 * one line; nothing here throws.
 */
import { isAscii } from 'node:buffer';
import { gunzipSync } from 'node:zlib';

export type CloudTrailRecord = Record<string, unknown>;

export interface ParsedFile {
  readonly records: CloudTrailRecord[];
  /** Entries that were not CloudTrail records (or JSON Lines that did not parse). */
  readonly skipped: number;
  /** Set when the file could not be read as CloudTrail at all. */
  readonly problem?: string;
  /** Uncompressed bytes. */
  readonly bytes: number;
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

export function parseLogFile(data: Uint8Array): ParsedFile {
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
    return { records: [], skipped: 0, problem: reason, bytes };
  }
  const start = text.search(/\S/);
  if (start < 0) return { records: [], skipped: 0, bytes };
  if (text[start] === '[') return fromDocument(text, bytes);
  if (text[start] !== '{') return { records: [], skipped: 0, problem: 'not JSON (it does not start with { or [)', bytes };
  const firstLineEnd = text.indexOf('\n', start);
  if (firstLineEnd < 0 || text.slice(firstLineEnd).trim() === '') return fromDocument(text, bytes);
  // A first line that is a whole object and not a Records wrapper means JSON Lines.
  let first: unknown;
  try {
    first = JSON.parse(text.slice(start, firstLineEnd));
  } catch {
    return fromDocument(text, bytes);
  }
  if (first && typeof first === 'object' && 'Records' in first) return fromDocument(text, bytes);
  return fromLines(text, bytes);
}

function fromDocument(text: string, bytes: number): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { records: [], skipped: 0, problem: `not valid JSON (${(error as Error).message}); a truncated file?`, bytes };
  }
  if (Array.isArray(doc)) return classify(doc as unknown[], bytes);
  const wrapped = doc && typeof doc === 'object' ? (doc as { Records?: unknown }).Records : undefined;
  if (Array.isArray(wrapped)) return classify(wrapped as unknown[], bytes);
  if (isRecord(doc)) return { records: [doc], skipped: 0, bytes };
  return { records: [], skipped: 0, problem: 'JSON, but not CloudTrail (no "Records" list, no array of records)', bytes };
}

function fromLines(text: string, bytes: number): ParsedFile {
  const values: unknown[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      bad++;
    }
  }
  const parsed = classify(values, bytes);
  return { ...parsed, skipped: parsed.skipped + bad };
}

function classify(values: readonly unknown[], bytes: number): ParsedFile {
  const records: CloudTrailRecord[] = [];
  let skipped = 0;
  for (const v of values) {
    if (isRecord(v)) records.push(v);
    else skipped++;
  }
  if (!records.length && skipped) return { records, skipped, problem: `no CloudTrail records among its ${skipped} entries (each needs eventSource, eventName and a valid eventTime)`, bytes };
  return { records, skipped, bytes };
}
