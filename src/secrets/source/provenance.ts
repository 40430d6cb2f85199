/**
 * Where the blobs with findings came from, read only for those: one `git log --raw` pass names
 * the commits that added each blob (merge commits against each parent too, so a secret that only
 * a merge resolution added is attributed to that merge), and one `git ls-tree` of HEAD says
 * whether it is still there. Both are streamed: nothing of the history is kept but the answer.
 */
import { eachLine, exited, firstLineOf, gitSpawn } from './git-process.js';
import { UserError } from '../../core/errors.js';

export interface BlobOrigin {
  /** The earliest commit that added the blob. */
  commit: string;
  author: string;
  /** Author date, seconds since the epoch. */
  time: number;
  /** Its path in that commit. */
  path: string;
  /** Every path the blob was added at, in any commit. */
  paths: Set<string>;
}

export async function blobOrigins(repo: string, revisions: readonly string[], since: string | undefined, oids: ReadonlySet<string>): Promise<Map<string, BlobOrigin>> {
  const origins = new Map<string, BlobOrigin>();
  if (oids.size === 0) return origins;
  const log = gitSpawn(repo, ['log', '--raw', '--no-abbrev', '--no-renames', '-m', '--format=%x01%H%x00%at%x00%an <%ae>', ...(since ? [`--since=${since}`] : []), ...revisions, '--']);
  const stderr = firstLineOf(log.stderr);
  let commit = { id: '', time: 0, author: '' };
  const lines = eachLine(log.stdout, (line) => {
    if (line.startsWith('\x01')) {
      const [id = '', time = '0', author = ''] = line.slice(1).split('\0');
      commit = { id, time: Number(time), author };
      return;
    }
    if (!line.startsWith(':')) return;
    const tab = line.indexOf('\t');
    const oid = line.slice(0, tab).split(' ')[3] ?? '';
    if (!oids.has(oid)) return;
    const path = line.slice(tab + 1);
    const origin = origins.get(oid);
    if (!origin) origins.set(oid, { commit: commit.id, author: commit.author, time: commit.time, path, paths: new Set([path]) });
    else {
      origin.paths.add(path);
      // Newest first: an older (or equally old, further down) commit is the earlier introduction.
      if (commit.time <= origin.time) Object.assign(origin, { commit: commit.id, author: commit.author, time: commit.time, path });
    }
  });
  const [code] = await Promise.all([exited(log), lines]);
  if (code !== 0) throw new UserError(`git log failed in ${repo}: ${(await stderr) || `exit code ${code}`}`);
  return origins;
}

/** The paths at which each of the blobs is in HEAD's tree. */
export async function pathsInHead(repo: string, oids: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (oids.size === 0) return found;
  const tree = gitSpawn(repo, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']);
  const lines = eachLine(
    tree.stdout,
    (entry) => {
      const tab = entry.indexOf('\t');
      const oid = entry.slice(0, tab).split(' ')[2] ?? '';
      if (oids.has(oid)) found.set(oid, [...(found.get(oid) ?? []), entry.slice(tab + 1)]);
    },
    '\0',
  );
  await Promise.all([exited(tree), lines]);
  return found;
}
