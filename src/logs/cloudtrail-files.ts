/**
 * Finding CloudTrail log files: the S3 layout (`AWSLogs/[o-id/]<account>/CloudTrail/<region>/
 * YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`) and any other tree
 * of `.json`, `.json.gz`, `.jsonl` and `.ndjson` files. Digest and Insights folders are not event
 * logs and are left out. A file's name gives its delivery time, which lets --since/--until skip it
 * unopened: a file holds only events from before its delivery, and CloudTrail delivers within
 * minutes, so a margin of a day on --until is generous.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface LogFile {
  /** A local path or an `s3://bucket/key` URL. */
  readonly name: string;
  readonly size: number;
  /** Delivery time from the name, when it follows CloudTrail's pattern. */
  readonly delivered?: number;
}

export interface TimeRange {
  readonly since?: number;
  readonly until?: number;
}

/** How long after --until a delivered file may still hold events from before it. */
export const DELIVERY_MARGIN_MS = 24 * 3_600_000;

const LOG_NAME = /\.(json|jsonl|ndjson)(\.gz)?$/i;
const NOT_EVENTS = /(^|\/)CloudTrail-(Digest|Insight)(\/|$)/;
const DELIVERED = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]+\.json(\.gz)?$/;

export function isLogName(name: string): boolean {
  return LOG_NAME.test(name) && !NOT_EVENTS.test(name.replaceAll('\\', '/'));
}

export function deliveryTime(name: string): number | undefined {
  const m = DELIVERED.exec(name);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) : undefined;
}

/** False when the file's name proves it holds no event in the range. */
export function mayHoldRange(file: LogFile, range: TimeRange): boolean {
  if (file.delivered === undefined) return true;
  if (range.since !== undefined && file.delivered < range.since) return false;
  if (range.until !== undefined && file.delivered > range.until + DELIVERY_MARGIN_MS) return false;
  return true;
}

/** Oldest delivery first (files without a delivery time keep their name order at the end), so correlations see events in time order. */
export function byDelivery(a: LogFile, b: LogFile): number {
  return (a.delivered ?? Infinity) - (b.delivered ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export interface Listing {
  readonly files: LogFile[];
  /** Paths that could not be read, with the reason: one line each in the summary. */
  readonly unreadable: { readonly name: string; readonly reason: string }[];
  /** Files left out by their delivery time. */
  readonly outsideRange: number;
}

export async function listLocalFiles(paths: readonly string[], range: TimeRange): Promise<Listing> {
  const files: LogFile[] = [];
  const unreadable: Listing['unreadable'] = [];
  let outsideRange = 0;
  const add = (file: LogFile) => {
    if (mayHoldRange(file, range)) files.push(file);
    else outsideRange++;
  };
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (!info.isDirectory()) {
        add({ name: path, size: info.size, ...delivered(path) });
        continue;
      }
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      for (const entry of entries) {
        const full = join(entry.parentPath, entry.name);
        if (!entry.isFile() || !isLogName(full)) continue;
        add({ name: full, size: (await stat(full)).size, ...delivered(full) });
      }
    } catch (error) {
      unreadable.push({ name: path, reason: reasonOf(error) });
    }
  }
  return { files: files.sort(byDelivery), unreadable, outsideRange };
}

function delivered(name: string): { delivered?: number } {
  const t = deliveryTime(name);
  return t === undefined ? {} : { delivered: t };
}

export function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
