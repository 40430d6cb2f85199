/**
 * Blobs out of git, each read once: `git rev-list --objects` lists what the revisions reach (each
 * object once), `git cat-file --batch-check` sorts blobs from trees and commits and gives their
 * sizes, and one `git cat-file --batch` streams the contents. Three processes in a pipe; this
 * process holds one blob at a time per stage, paused whenever the scanners are behind.
 */
import type { Readable } from 'node:stream';
import { UserError } from '../../core/errors.js';
import { eachLine, exited, firstLine, gitSpawn, type GitChild } from './git-process.js';

export interface GitBlob {
  readonly oid: string;
  /** The first path the blob was seen at (or the staged path). */
  readonly path: string;
  readonly data: Buffer;
}

export interface BlobCounts {
  blobs: number;
  bytes: number;
  /** Larger than the size limit: not read. */
  huge: number;
  /** Listed by history but absent from the object store (a partial clone, a damaged repository). */
  missing: number;
}

export interface BlobSink {
  push(blob: GitBlob): void;
  /** Resolves once there is room for more. */
  room(): Promise<void>;
  readonly full: boolean;
}

export function emptyCounts(): BlobCounts {
  return { blobs: 0, bytes: 0, huge: 0, missing: 0 };
}

/** Every blob the revisions reach. `--since` keeps commits made after that date. */
export async function historyBlobs(repo: string, revisions: readonly string[], since: string | undefined, maxBytes: number, sink: BlobSink, counts: BlobCounts): Promise<void> {
  // --missing=print lists what is absent instead of failing (or fetching, in a partial clone).
  const list = gitSpawn(repo, ['rev-list', '--objects', '--missing=print', ...(since ? [`--since=${since}`] : []), ...revisions, '--']);
  const check = gitSpawn(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)'], list.stdout);
  // check has its own copy of the pipe now; this process must not hold (or read) the other end.
  list.stdout.destroy();
  const listErrors = collect(list.stderr);
  const cat = gitSpawn(repo, ['cat-file', '--batch=%(objectname) %(objectsize) %(rest)'], 'pipe');
  let waiting = false;
  const checked = eachLine(check.stdout, (line) => {
    const [oid = '', type = '', size = '', ...path] = line.split(' ');
    if (type === 'missing' || oid.startsWith('?')) counts.missing++;
    else if (type !== 'blob') return;
    else if (Number(size) > maxBytes) counts.huge++;
    else if (!cat.stdin.write(`${oid} ${path.join(' ')}\n`) && !waiting) {
      waiting = true;
      check.stdout.pause();
      cat.stdin.once('drain', () => {
        waiting = false;
        check.stdout.resume();
      });
    }
  }).then(() => cat.stdin.end());
  const [listCode] = await Promise.all([exited(list), checked, readBatch(cat, sink, counts), exited(check)]);
  if (listCode !== 0) throw new UserError(`git rev-list failed in ${repo}: ${firstLine(await listErrors) || `exit code ${listCode}`}`);
}

/** The blobs of given ids (staged files): `oid path` each. */
export async function namedBlobs(repo: string, entries: readonly { oid: string; path: string }[], sink: BlobSink, counts: BlobCounts): Promise<void> {
  const cat = gitSpawn(repo, ['cat-file', '--batch=%(objectname) %(objectsize) %(rest)'], 'pipe');
  const reading = readBatch(cat, sink, counts);
  for (const { oid, path } of entries) if (!cat.stdin.write(`${oid} ${path}\n`)) await new Promise((resolve) => cat.stdin.once('drain', resolve));
  cat.stdin.end();
  await reading;
}

/** Parses `cat-file --batch` output: a header line, then exactly `size` bytes and a newline. */
async function readBatch(cat: GitChild, sink: BlobSink, counts: BlobCounts): Promise<void> {
  const errors = collect(cat.stderr);
  let header = '';
  let blob: { oid: string; path: string; data: Buffer; filled: number } | undefined;
  let skipNewline = false;
  const emit = () => {
    counts.blobs++;
    counts.bytes += blob!.data.length;
    sink.push({ oid: blob!.oid, path: blob!.path, data: blob!.data });
    blob = undefined;
    skipNewline = true;
    if (sink.full && !cat.stdout.isPaused()) {
      cat.stdout.pause();
      void sink.room().then(() => cat.stdout.resume());
    }
  };
  cat.stdout.on('data', (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (blob) {
        const n = Math.min(blob.data.length - blob.filled, chunk.length - at);
        chunk.copy(blob.data, blob.filled, at, at + n);
        blob.filled += n;
        at += n;
        if (blob.filled === blob.data.length) emit();
      } else if (skipNewline) {
        at++;
        skipNewline = false;
      } else {
        const nl = chunk.indexOf(10, at);
        if (nl === -1) {
          header += chunk.toString('utf8', at);
          break;
        }
        const line = header + chunk.toString('utf8', at, nl);
        header = '';
        at = nl + 1;
        const [oid = '', size = '', ...path] = line.split(' ');
        if (!/^\d+$/.test(size)) {
          counts.missing++; // `<oid> missing`: gone between listing and reading
          continue;
        }
        blob = { oid, path: path.join(' '), data: Buffer.allocUnsafeSlow(Number(size)), filled: 0 };
        if (blob.data.length === 0) emit();
      }
    }
  });
  const code = await exited(cat);
  if (code !== 0) throw new UserError(`git cat-file failed: ${firstLine(await errors) || `exit code ${code}`}`);
}

function collect(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk.length > 4096 ? chunk.subarray(0, 4096) : chunk));
  return new Promise((resolve) => stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8'))));
}

/** Staged changes (added, copied, modified, renamed, type-changed): what the next commit adds. */
export async function stagedEntries(repo: string, run: (args: string[]) => Promise<string | undefined>): Promise<{ oid: string; path: string }[]> {
  const raw = (await run(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMT'])) ?? '';
  const parts = raw.split('\0');
  const entries: { oid: string; path: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!.split(' ');
    const oid = meta[3];
    if (oid && !/^0+$/.test(oid) && meta[1] !== '160000') entries.push({ oid, path: parts[i + 1]! });
  }
  return entries;
}
