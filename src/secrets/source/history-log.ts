/**
 * The history's record of which commit added which blob, for a scan of the whole object store:
 * one `git log --raw` runs while the blobs are scanned and writes straight to a temporary file
 * (no blob is known to matter yet, and holding every blob's origin would grow with the history).
 * Read back as soon as git is done, it finds blobs the history names but the store lacks (a
 * damaged repository): every added blob id is asked of `git cat-file --batch-check`. Read again
 * once the scan is done, it gives the origins of the blobs with findings and tells which of those
 * the history reaches at all.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { UserError } from '../../core/errors.js';
import { eachLine, exited, firstLineOf, gitSpawn, spillGit, type Spill } from './git-process.js';
import { originLogArgs, originReader, type BlobOrigin } from './provenance.js';

export type HistoryLog = Spill;

export function spillHistoryLog(repo: string, revisions: readonly string[], file: string): HistoryLog {
  return spillGit(repo, originLogArgs(revisions, undefined), file);
}

/**
 * How many distinct blobs the history adds that the store lacks. It needs no finding, so it runs
 * as soon as git has written the log, while the blobs are still being scanned, rather than after.
 * Aborted, it stops git and fails.
 */
export async function missingInHistoryLog(repo: string, log: HistoryLog, signal?: AbortSignal): Promise<number> {
  await log.done;
  const check = gitSpawn(repo, ['cat-file', '--buffer', '--batch-check=%(objectname)'], 'pipe');
  // A scan that failed stops the check rather than wait for it to ask after every blob.
  if (signal?.aborted) check.kill();
  else signal?.addEventListener('abort', () => check.kill(), { once: true });
  const checkErrors = firstLineOf(check.stderr);
  const checkExit = exited(check);
  const missing = new Set<string>();
  const answers = eachLine(check.stdout, (line) => {
    if (line.endsWith(' missing')) missing.add(line.slice(0, line.indexOf(' ')));
  });
  check.stdin.on('error', () => {}); // a git that died is reported by its exit code
  let pending: string[] = [];
  const flush = async () => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    // A git that exits while its input is full never drains it: its exit ends the wait.
    if (!check.stdin.write(text)) await Promise.race([once(check.stdin, 'drain'), checkExit.then((code) => Promise.reject(new Error(`git cat-file exited (code ${code})`)))]);
  };
  const read = originReader(new Set(), new Map(), (oid) => pending.push(oid));
  const stream = createReadStream(log.file);
  // Paused while git catches up, so the ids in flight stay bounded; a git that died fails the read instead of leaving it paused.
  stream.on('data', () => {
    if (pending.length < 4096) return;
    stream.pause();
    flush().then(
      () => stream.resume(),
      (error: Error) => stream.destroy(error),
    );
  });
  try {
    await eachLine(stream, read);
    if (pending.length) await flush();
  } catch (error) {
    check.kill();
    await Promise.allSettled([checkExit, answers]);
    if (error instanceof UserError) throw error;
    throw new UserError(`git cat-file failed in ${repo}: ${(await checkErrors) || (error instanceof Error ? error.message : String(error))}`);
  }
  check.stdin.end();
  const [code] = await Promise.all([checkExit, answers]);
  if (code !== 0) throw new UserError(`git cat-file failed in ${repo}: ${(await checkErrors) || `exit code ${code}`}`);
  return missing.size;
}

/** The origins of the blobs looked for, from the log once git has written it: a blob without one is reached by no commit. */
export async function originsInHistoryLog(log: HistoryLog, oids: ReadonlySet<string>): Promise<Map<string, BlobOrigin>> {
  await log.done;
  const origins = new Map<string, BlobOrigin>();
  if (oids.size) await eachLine(createReadStream(log.file), originReader(oids, origins));
  return origins;
}
