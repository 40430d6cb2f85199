/** What kind of repository a path is: none, a full clone, a shallow one, a partial one. */
import { UserError } from '../../core/errors.js';
import { git } from './git-process.js';

export interface Repository {
  /** The top of the working tree, or the git directory of a bare repository. */
  readonly root: string;
  readonly shallow: boolean;
  /** Cloned with --filter: some objects live only on the remote and are not fetched by a scan. */
  readonly partial: boolean;
  readonly hasHead: boolean;
}

export async function openRepository(path: string): Promise<Repository | undefined> {
  const out = await git(path, ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--show-toplevel', '--absolute-git-dir'], true);
  if (out === undefined) return undefined;
  const [bare, shallow, ...rest] = out.trim().split('\n');
  const root = bare === 'true' ? rest[rest.length - 1]! : rest[0]!;
  const promisor = await git(root, ['config', '--get-regexp', '^remote\\..*\\.promisor$|^extensions\\.partialclone$'], true);
  const hasHead = (await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], true)) !== undefined;
  return { root, shallow: shallow === 'true', partial: Boolean(promisor?.trim()), hasHead };
}

/**
 * The revisions a history scan starts from: every ref (branches, tags, remotes, refs/pull/*,
 * notes, the stash) and every older stash entry, which only the stash's reflog remembers.
 */
export async function historyRevisions(repo: string, branch: string | undefined): Promise<string[]> {
  if (branch) {
    const resolved = await git(repo, ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`], true);
    if (!resolved) throw new UserError(`no branch, tag or commit named "${branch}" in ${repo}: see git branch -a`);
    return [resolved.trim()];
  }
  const stashes = (await git(repo, ['log', '-g', '--format=%H', 'refs/stash', '--'], true))?.split('\n').filter(Boolean) ?? [];
  return ['--all', ...stashes];
}
