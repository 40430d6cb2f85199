/**
 * Which blobs the history holds, each listed once: `git rev-list --objects` lists the blobs the
 * revisions reach, and `git cat-file --batch-check` gives their sizes (the two piped into each
 * other, so the list never passes through this process but as one line per blob). The contents
 * are read by the scanning threads (pool.ts); this process only hands out ids, paused whenever
 * the scanners are behind.
 */
import { UserError } from '../../core/errors.js';
import { eachLine, exited, firstLineOf, gitSpawn } from './git-process.js';

export interface BlobSink {
  /** A blob to read and scan, with the first path it was seen at. */
  push(oid: string, path: string, size: number): void;
  /** Not read: larger than the size limit, or listed by history but absent from the object store (a partial clone, a damaged repository). */
  skip(reason: 'huge' | 'missing'): void;
  /** Resolves once there is room for more. */
  room(): Promise<void>;
  readonly full: boolean;
}

/** After each push: pauses the git output feeding the sink while it is full, so history is never read faster than it is scanned. */
export function pauseWhileFull(output: NodeJS.ReadableStream, sink: BlobSink): () => void {
  let waiting = false;
  return () => {
    if (!sink.full || waiting) return;
    waiting = true;
    output.pause();
    void sink.room().then(() => {
      waiting = false;
      output.resume();
    });
  };
}

/** Every blob the revisions reach. `--since` keeps commits made after that date. */
export async function historyBlobs(repo: string, revisions: readonly string[], since: string | undefined, maxBytes: number, sink: BlobSink): Promise<void> {
  // --missing=print lists what is absent instead of failing (or fetching, in a partial clone); the
  // type filter leaves trees out of the list (they are still walked).
  const list = gitSpawn(repo, ['rev-list', '--objects', '--missing=print', '--filter=object:type=blob', ...(since ? [`--since=${since}`] : []), ...revisions, '--']);
  const check = gitSpawn(repo, ['cat-file', '--buffer', '--batch-check=%(objectname) %(objecttype) %(objectsize) %(rest)'], list.stdout);
  // check has its own copy of the pipe now; this process must not hold (or read) the other end.
  list.stdout.destroy();
  const listErrors = firstLineOf(list.stderr);
  const checkErrors = firstLineOf(check.stderr);
  const throttle = pauseWhileFull(check.stdout, sink);
  const checked = eachLine(check.stdout, (line) => {
    const [oid = '', type = '', size = '', ...path] = line.split(' ');
    if (type === 'missing' || oid.startsWith('?')) sink.skip('missing');
    else if (type !== 'blob') return;
    else if (Number(size) > maxBytes) sink.skip('huge');
    else {
      sink.push(oid, path.join(' '), Number(size));
      throttle();
    }
  });
  const [listCode, , checkCode] = await Promise.all([exited(list), checked, exited(check)]);
  if (listCode !== 0) throw new UserError(`git rev-list failed in ${repo}: ${(await listErrors) || `exit code ${listCode}`}`);
  if (checkCode !== 0) throw new UserError(`git cat-file failed in ${repo}: ${(await checkErrors) || `exit code ${checkCode}`}`);
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
