/**
 * Where the blobs with findings came from, read only for those: one `git log --raw` pass names
 * the commits that added each blob (merge commits against each parent too, so a secret that only
 * a merge resolution added is attributed to that merge), one walk of the commit graph says which
 * refs hold those commits, and one `git ls-tree` of HEAD says whether it is still there. All are
 * streamed: nothing of the history is kept but the answer (and the refs of the commits not yet reached).
 */
import { createReadStream } from 'node:fs';
import { eachLine, exited, firstLineOf, git, gitSpawn, type Spill } from './git-process.js';
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
  /** Every commit that added it (up to COMMITS_MAX). */
  commits: Set<string>;
}

const COMMITS_MAX = 100;

/** Past this many blobs with findings, git is not given their ids to look for (the command line would be too long). */
const FIND_OBJECTS_MAX = 2000;

/** The `git log` arguments whose output `originReader` reads: each commit, then the blobs its diffs add. */
export function originLogArgs(revisions: readonly string[], since: string | undefined, find: readonly string[] = []): string[] {
  return ['log', '--raw', '--no-abbrev', '--no-renames', '-m', '--root', ...find, '--format=%x01%H%x00%at%x00%an <%ae>', ...(since ? [`--since=${since}`] : []), ...revisions, '--'];
}

/**
 * Reads `git log` output (originLogArgs) line by line into the origins of the blobs looked for;
 * `added` (when given) hears of every blob any commit adds, looked for or not.
 */
export function originReader(oids: ReadonlySet<string>, origins: Map<string, BlobOrigin>, added?: (oid: string) => void): (line: string) => void {
  let commit = { id: '', time: 0, author: '' };
  return (line) => {
    if (line.startsWith('\x01')) {
      const [id = '', time = '0', author = ''] = line.slice(1).split('\0');
      commit = { id, time: Number(time), author };
      return;
    }
    if (!line.startsWith(':')) return;
    const tab = line.indexOf('\t');
    const [, mode = '', , oid = ''] = line.slice(0, tab).split(' ');
    // Gitlinks (160000) name commits of other repositories; an all-zero id is a deletion.
    if (added && mode !== '160000' && !/^0+$/.test(oid)) added(oid);
    if (!oids.has(oid)) return;
    const path = line.slice(tab + 1);
    const origin = origins.get(oid);
    if (!origin) origins.set(oid, { commit: commit.id, author: commit.author, time: commit.time, path, paths: new Set([path]), commits: new Set([commit.id]) });
    else {
      origin.paths.add(path);
      if (origin.commits.size < COMMITS_MAX) origin.commits.add(commit.id);
      // Newest first: an older (or equally old, further down) commit is the earlier introduction.
      if (commit.time <= origin.time) Object.assign(origin, { commit: commit.id, author: commit.author, time: commit.time, path });
    }
  };
}

export async function blobOrigins(repo: string, revisions: readonly string[], since: string | undefined, oids: ReadonlySet<string>): Promise<Map<string, BlobOrigin>> {
  const origins = new Map<string, BlobOrigin>();
  if (oids.size === 0) return origins;
  // Only the blobs looked for are listed (filepair by filepair, so a rename shows both paths).
  const find = oids.size <= FIND_OBJECTS_MAX ? [...oids].map((oid) => `--find-object=${oid}`) : [];
  const log = gitSpawn(repo, originLogArgs(revisions, since, find));
  const stderr = firstLineOf(log.stderr);
  const lines = eachLine(log.stdout, originReader(oids, origins));
  const [code] = await Promise.all([exited(log), lines]);
  if (code !== 0) throw new UserError(`git log failed in ${repo}: ${(await stderr) || `exit code ${code}`}`);
  return origins;
}

/** The `git rev-list` arguments whose output `refsHolding` reads: every commit with its parents, children first. */
export function refWalkArgs(revisions: readonly string[], since: string | undefined): string[] {
  return ['rev-list', '--topo-order', '--parents', ...(since ? [`--since=${since}`] : []), ...revisions, '--'];
}

/**
 * Which of the refs hold each of the commits, in one walk of the commit graph (commits only) in
 * topological order: every commit comes after all its children, so the refs holding it are those
 * at it and those holding any child, handed down to the parents as the walk goes. `spilled` is
 * that walk (refWalkArgs) already written to a file while the blobs were scanned.
 */
export async function refsHolding(repo: string, revisions: readonly string[], since: string | undefined, commits: ReadonlySet<string>, tips: ReadonlyMap<string, readonly string[]>, spilled?: Spill): Promise<Map<string, ReadonlySet<string>>> {
  const found = new Map<string, ReadonlySet<string>>();
  if (commits.size === 0) return found;
  const held = new Map<string, ReadonlySet<string>>();
  const read = (line: string) => {
    const [id = '', ...parents] = line.split(' ');
    const refs = union(held.get(id), tips.get(id));
    held.delete(id);
    if (commits.has(id)) found.set(id, refs);
    for (const parent of parents) held.set(parent, union(held.get(parent), refs));
  };
  if (spilled) {
    await spilled.done;
    await eachLine(createReadStream(spilled.file), read);
    return found;
  }
  const walk = gitSpawn(repo, refWalkArgs(revisions, since));
  const stderr = firstLineOf(walk.stderr);
  const [code] = await Promise.all([exited(walk), eachLine(walk.stdout, read)]);
  if (code !== 0) throw new UserError(`git rev-list failed in ${repo}: ${(await stderr) || `exit code ${code}`}`);
  return found;
}

const NO_REFS: ReadonlySet<string> = new Set();

/** Sets are shared down the walk and never changed: a union is a new set only when both sides add something. */
function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | readonly string[] | undefined): ReadonlySet<string> {
  const other: ReadonlySet<string> = b instanceof Set ? b : new Set<string>(b ?? []);
  if (!a?.size || a === other) return other.size ? other : (a ?? NO_REFS);
  let extra: string[] | undefined;
  for (const ref of other) if (!a.has(ref)) (extra ??= []).push(ref);
  return extra ? new Set([...a, ...extra]) : a;
}

/**
 * The ref tips a full history scan starts from, by commit: every ref under refs/ (annotated tags
 * peeled to their commit), short-named as git shows them, and each stash entry as stash@{n}.
 */
export async function refTips(repo: string, stashes: readonly string[]): Promise<Map<string, string[]>> {
  const tips = new Map<string, string[]>();
  const add = (commit: string, name: string) => tips.set(commit, [...(tips.get(commit) ?? []), name]);
  const listing = gitSpawn(repo, ['for-each-ref', '--format=%(objectname) %(*objectname) %(refname) %(refname:short)']);
  const lines = eachLine(listing.stdout, (line) => {
    const [object = '', peeled = '', full = '', short = ''] = line.split(' ');
    // refs/stash is stash@{0}, named below with the older entries.
    if (object && full !== 'refs/stash') add(peeled || object, short);
  });
  const [code] = await Promise.all([exited(listing), lines]);
  if (code !== 0) throw new UserError(`git for-each-ref failed in ${repo}: exit code ${code}`);
  stashes.forEach((commit, n) => add(commit, `stash@{${n}}`));
  return tips;
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

/**
 * The blobs (of those asked about) that a ref reaches without a commit: a tag of a blob, or of a
 * tree (git's own history has one), with the refs and the paths under the tree.
 */
export async function reachedWithoutCommit(repo: string, oids: ReadonlySet<string>): Promise<Map<string, { refs: string[]; paths: string[] }>> {
  const reached = new Map<string, { refs: string[]; paths: string[] }>();
  if (oids.size === 0) return reached;
  const add = (oid: string, ref: string, path: string) => {
    const entry = reached.get(oid) ?? { refs: [], paths: [] };
    if (!entry.refs.includes(ref)) entry.refs.push(ref);
    if (path && !entry.paths.includes(path)) entry.paths.push(path);
    reached.set(oid, entry);
  };
  const listing = (await git(repo, ['for-each-ref', '--format=%(objecttype) %(objectname) %(*objecttype) %(*objectname) %(refname:short)'])) ?? '';
  for (const line of listing.split('\n')) {
    const [type = '', object = '', peeledType = '', peeled = '', ...name] = line.split(' ');
    const [kind, oid, ref] = peeledType ? [peeledType, peeled, name.join(' ')] : [type, object, name.join(' ')];
    if (kind === 'blob' && oids.has(oid)) add(oid, ref, '');
    if (kind !== 'tree') continue;
    const tree = (await git(repo, ['ls-tree', '-r', '-z', '--full-tree', oid])) ?? '';
    for (const entry of tree.split('\0')) {
      const tab = entry.indexOf('\t');
      const blob = entry.slice(0, tab).split(' ')[2] ?? '';
      if (oids.has(blob)) add(blob, ref, entry.slice(tab + 1));
    }
  }
  return reached;
}
