/**
 * Every blob in the object store, each once, in the order the packs hold them: `git cat-file
 * --batch-all-objects --batch-check --unordered` reads the pack indexes, not the history, so no
 * tree is walked and blobs come out next to their delta bases. It is a superset of the history:
 * objects no ref reaches (a reset, a dropped stash) are in it too, and scan.ts labels their findings.
 */
import { UserError } from '../../core/errors.js';
import { pauseWhileFull, type BlobSink } from './blobs.js';
import { eachLine, exited, firstLineOf, gitSpawn } from './git-process.js';

export async function storeBlobs(repo: string, maxBytes: number, sink: BlobSink): Promise<void> {
  const list = gitSpawn(repo, ['cat-file', '--batch-all-objects', '--unordered', '--batch-check=%(objecttype) %(objectsize) %(objectname)']);
  const errors = firstLineOf(list.stderr);
  const throttle = pauseWhileFull(list.stdout, sink);
  const listed = eachLine(list.stdout, (line) => {
    if (!line.startsWith('blob ')) return;
    const space = line.indexOf(' ', 5);
    const size = Number(line.slice(5, space));
    if (size > maxBytes) {
      sink.skip('huge');
      return;
    }
    // The path is not known yet: provenance gives it for the few blobs with findings.
    sink.push(line.slice(space + 1), '', size);
    throttle();
  });
  const [code] = await Promise.all([exited(list), listed]);
  if (code !== 0) throw new UserError(`git cat-file failed in ${repo}: ${(await errors) || `exit code ${code}`}`);
}
