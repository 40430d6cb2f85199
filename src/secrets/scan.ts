/**
 * `bulwark secrets` without the CLI: pick the source (git history, the index, files, stdin),
 * stream its blobs through the scanning pool, group what was found by secret, attach provenance,
 * and apply what the user ignores. The result is a `SecretsReport` (findings.ts).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { redact, type FoundSecret } from './detect.js';
import { fingerprintOf, type IgnoredBy, type SecretFinding, type SecretLocation, type SecretsReport } from './findings.js';
import { loadBaseline, loadIgnoreFile } from './ignore.js';
import { ScanPool, type GitBlobResult } from './pool.js';
import type { BlobResult } from './scan-blob.js';
import { historyBlobs, stagedEntries } from './source/blobs.js';
import { readStdin, scanFolder } from './source/files.js';
import { git, spillGit, type Spill } from './source/git-process.js';
import { catFileMode } from './source/git-version.js';
import { missingInHistoryLog, originsInHistoryLog, spillHistoryLog, type HistoryLog } from './source/history-log.js';
import { blobOrigins, pathsInHead, reachedWithoutCommit, refsHolding, refTips, refWalkArgs, type BlobOrigin } from './source/provenance.js';
import { storeBlobs } from './source/store-blobs.js';
import { historyRevisions, openRepository } from './source/repository.js';

export interface SecretsScanOptions {
  /** A folder, a file, or `-` for stdin. */
  readonly path: string;
  readonly branch?: string;
  readonly since?: string;
  readonly staged?: boolean;
  readonly noGit?: boolean;
  readonly maxBytes: number;
  readonly baseline?: string;
  /** Scanning threads; default: the cores. */
  readonly threads?: number;
  readonly stdin?: NodeJS.ReadableStream;
  readonly now?: Date;
  readonly warn?: (message: string) => void;
  /** Called now and then with what has been read so far. */
  readonly progress?: (counts: { blobs: number; bytes: number }) => void;
}

/** A found secret and everything about it that stays in memory only. */
export interface Secret {
  readonly finding: SecretFinding;
  /** For AWS key ids: the key pair, to verify. */
  readonly keyId?: string;
  readonly secretKey?: string;
  readonly sessionToken?: string;
}

interface Group {
  readonly first: FoundSecret;
  readonly fingerprint: string;
  readonly seen: (SecretLocation & { allowed: boolean })[];
  occurrences: number;
  allowedEverywhere: boolean;
  secretKey?: string;
  sessionToken?: string;
}

const MAX_LOCATIONS = 20;

interface Provenance {
  readonly origins: Map<string, BlobOrigin>;
  /** The refs holding each commit that added a blob with a finding. */
  readonly refs?: Map<string, ReadonlySet<string>>;
  readonly head: Map<string, string[]>;
  /** Scans of the whole object store: blobs reached by a tag of a blob or tree, not by a commit. */
  readonly byRef?: Map<string, { refs: string[]; paths: string[] }>;
  /** Scans of the whole object store: blobs staged in the index but not committed yet (the next commit adds them). */
  readonly staged?: Map<string, string[]>;
}

export async function scanSecrets(options: SecretsScanOptions): Promise<{ report: SecretsReport; secrets: Secret[] }> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    options.warn?.(message);
  };
  const counts = { blobs: 0, bytes: 0, binary: 0, huge: 0, missing: 0, unreadable: 0, maxBytes: options.maxBytes };
  const groups = new Map<string, Group>();
  const record = (where: { path: string; blob?: string }, result: BlobResult | GitBlobResult) => {
    if ('skipped' in result) {
      counts[result.skipped]++;
      return;
    }
    // The ignore file holds fingerprints, which look like what they fingerprint.
    if (basename(where.path) === '.bulwarkignore') return;
    for (const secret of result.secrets) {
      const fingerprint = fingerprintOf(secret.rule, secret.value);
      let group = groups.get(fingerprint);
      if (!group) groups.set(fingerprint, (group = { first: secret, fingerprint, seen: [], occurrences: 0, allowedEverywhere: true }));
      group.occurrences++;
      group.allowedEverywhere &&= secret.allowed;
      if (secret.secretKey) group.secretKey ??= secret.secretKey;
      if (secret.sessionToken) group.sessionToken ??= secret.sessionToken;
      if (group.seen.length < MAX_LOCATIONS) group.seen.push({ path: where.path, line: secret.line, ...(where.blob ? { blob: where.blob } : {}), allowed: secret.allowed });
    }
  };
  const threads = options.threads ?? availableParallelism();
  const pool = new ScanPool<{ path: string; blob?: string }>(record, threads);
  const ticker = options.progress ? setInterval(() => options.progress!({ blobs: counts.blobs + pool.read.blobs, bytes: counts.bytes + pool.read.bytes }), 1000) : undefined;

  let target: SecretsReport['target'];
  let ignoreRoot: string;
  let provenance: ((oids: Set<string>) => Promise<Provenance>) | undefined;
  let store: StoreScan | undefined;
  try {
    if (options.path === '-') {
      target = { kind: 'stdin', path: '-' };
      ignoreRoot = process.cwd();
      const { data, truncated } = await readStdin(options.stdin ?? process.stdin, options.maxBytes);
      if (truncated) {
        counts.huge++;
        warn(`standard input is larger than --max-size (${options.maxBytes} bytes): only the first ${options.maxBytes} bytes were scanned`);
      }
      counts.blobs++;
      counts.bytes += data.length;
      pool.push({ path: '(stdin)' }, data);
    } else {
      const path = resolve(options.path);
      await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw new UserError(`cannot read ${options.path}: ${error.code === 'ENOENT' ? 'no such file or folder' : (error.code ?? String(error))}`);
      });
      const repo = options.noGit ? undefined : await openRepository(path);
      ignoreRoot = repo?.root ?? path;
      if (!repo) {
        if (options.staged) throw new UserError(`${options.path} is not a git repository: --staged scans the index of one`);
        if (!options.noGit && (options.branch || options.since)) warn(`${options.path} is not a git repository: --branch and --since do not apply; its files are scanned as they are`);
        target = { kind: 'files', path: options.path };
        const fileCounts = { files: 0, bytes: 0, huge: 0, unreadable: 0 };
        await scanFolder(path, options.maxBytes, { push: (p, data) => pool.push({ path: p }, data), room: () => pool.room() }, fileCounts, warn);
        Object.assign(counts, { blobs: fileCounts.files, bytes: fileCounts.bytes, huge: fileCounts.huge, unreadable: fileCounts.unreadable });
      } else {
        pool.readFrom(repo.root, options.maxBytes, await catFileMode());
        if (options.staged) {
          target = { kind: 'staged', path: options.path };
          for (const { oid, path } of await stagedEntries(repo.root, (args) => git(repo.root, args))) {
            await pool.room();
            pool.pushBlob({ path, blob: oid }, oid);
          }
        } else {
          if (repo.shallow) warn('this is a shallow clone: the history is incomplete and older commits were not scanned; run git fetch --unshallow to scan all of it');
          if (repo.partial) warn('this is a partial clone: objects that were not downloaded are counted as missing and not scanned (nothing is fetched)');
          const revisions = await historyRevisions(repo.root, options.branch);
          target = { kind: 'git', path: options.path, revisions: options.branch ? [options.branch] : ['all refs', ...(revisions.length > 1 ? [`${revisions.length - 1} stash entries`] : [])], ...(options.since ? { since: options.since } : {}) };
          const sink = { push: (oid: string, path: string, size: number) => pool.pushBlob({ path, blob: oid }, oid, size), skip: (reason: 'huge' | 'missing') => counts[reason]++, room: () => pool.room(), get full() { return pool.full; } };
          const walk = Boolean(options.branch || options.since || repo.partial);
          if (walk) await historyBlobs(repo.root, revisions, options.since, options.maxBytes, sink);
          else {
            // Every blob of every ref is in the store: reading the store in pack order walks no
            // tree, and the log that says which commits added the blobs runs alongside.
            store = { dir: await mkdtemp(join(tmpdir(), 'bulwark-secrets-')) };
            const log = (store.log = spillHistoryLog(repo.root, revisions, join(store.dir, 'history.log')));
            store.stopMissing = new AbortController();
            store.missing = missingInHistoryLog(repo.root, log, store.stopMissing.signal);
            // Awaited once the blobs are scanned; a failure before then must not be an unhandled rejection.
            store.missing.catch(() => {});
            // The walk that says which refs hold a commit, too, so that none is left for after the scan.
            store.walk = spillGit(repo.root, refWalkArgs(revisions, undefined), join(store.dir, 'commits'));
            await storeBlobs(repo.root, options.maxBytes, sink);
          }
          provenance = async (oids) => {
            const origins = store?.origins ?? (await blobOrigins(repo.root, revisions, options.since, oids));
            const commits = new Set([...origins.values()].flatMap((o) => [...o.commits]));
            const tips = options.branch ? new Map([[revisions[0]!, [options.branch]]]) : await refTips(repo.root, revisions.slice(1));
            const refs = await refsHolding(repo.root, revisions, options.since, commits, tips, store?.walk);
            const unreached = new Set([...oids].filter((oid) => !origins.has(oid)));
            const byRef = store && unreached.size ? await reachedWithoutCommit(repo.root, unreached) : undefined;
            const staged = store && unreached.size ? await stagedPaths(repo.root, unreached) : undefined;
            return { origins, refs, head: repo.hasHead ? await pathsInHead(repo.root, oids) : new Map<string, string[]>(), ...(byRef ? { byRef } : {}), ...(staged?.size ? { staged } : {}) };
          };
        }
      }
    }
    await pool.close();
    // Git blobs are counted by the pool (the walker counts files, and stdin counts itself).
    counts.blobs += pool.read.blobs;
    counts.bytes += pool.read.bytes;
    if (store?.log && store.missing) {
      counts.missing += await store.missing;
      store.origins = await originsInHistoryLog(store.log, findingBlobs(groups));
    }
    if (counts.missing) warn(`${counts.missing} objects are missing from the repository (partial clone or damage): they were skipped`);
  } catch (error) {
    await cleanUp(store);
    throw error;
  } finally {
    if (ticker) clearInterval(ticker);
  }

  // Provenance reads the spilled walk: the temporary folder goes only after it.
  const { origins, head, refs, byRef, staged } = provenance
    ? await provenance(findingBlobs(groups)).finally(() => cleanUp(store))
    : { origins: new Map<string, BlobOrigin>(), head: new Map<string, string[]>(), refs: undefined, byRef: undefined, staged: undefined };
  const ignoreFile = await loadIgnoreFile(join(ignoreRoot, '.bulwarkignore'));
  const baseline = options.baseline ? await loadBaseline(options.baseline) : new Set<string>();
  /** Every path a blob is known at (a scan of the store learns them only now). */
  const pathsOf = (blob: string) => [...(origins.get(blob)?.paths ?? []), ...(head.get(blob) ?? []), ...(byRef?.get(blob)?.paths ?? []), ...(staged?.get(blob) ?? [])];
  const reached = (blob: string) => origins.has(blob) || head.has(blob) || Boolean(byRef?.has(blob)) || Boolean(staged?.has(blob));

  const secrets: Secret[] = [...groups.values()].flatMap((group) => {
    const { first } = group;
    const seen = group.seen
      .map(({ allowed: _allowed, ...location }) => location)
      // The ignore file holds fingerprints, which look like what they fingerprint.
      .filter((s) => !s.blob || s.path || !pathsOf(s.blob).length || !pathsOf(s.blob).every((p) => basename(p) === '.bulwarkignore'))
      .map((s) => (s.path || !s.blob ? s : { ...s, path: pathsOf(s.blob)[0] ?? `(unreachable blob ${s.blob.slice(0, 12)})` }));
    if (!seen.length) return [];
    const unreachable = Boolean(store) && seen.every((s) => s.blob && !reached(s.blob));
    const blobs = [...new Set(seen.map((s) => s.blob).filter((b): b is string => Boolean(b)))];
    const earliest = blobs.map((b) => ({ blob: b, origin: origins.get(b) })).filter((o) => o.origin).sort((a, b) => a.origin!.time - b.origin!.time)[0];
    const inHeadAt = seen.find((s) => s.blob && head.has(s.blob));
    const firstSeen = earliest && seen.find((s) => s.blob === earliest.blob);
    const primary = inHeadAt ? { ...inHeadAt, path: head.get(inHeadAt.blob!)![0]! } : firstSeen ? { ...firstSeen, path: earliest.origin!.path } : seen[0]!;
    const paths = [...new Set([...group.seen.map((s) => s.path).filter(Boolean), ...blobs.flatMap(pathsOf)])].sort();
    const holding = refs && [...new Set(blobs.flatMap((b) => [...[...(origins.get(b)?.commits ?? [])].flatMap((c) => [...(refs.get(c) ?? [])]), ...(byRef?.get(b)?.refs ?? [])]))].sort();
    const ignored: IgnoredBy | undefined = group.allowedEverywhere ? 'inline' : ignoreFile.has(group.fingerprint) ? 'bulwarkignore' : baseline.has(group.fingerprint) ? 'baseline' : undefined;
    const finding: SecretFinding = {
      fingerprint: group.fingerprint,
      rule: first.rule,
      type: first.type,
      severity: first.rule === 'aws-access-key-id' && group.secretKey && !first.notGenuine ? 'critical' : first.severity,
      preview: redact(first.value),
      location: primary,
      locations: seen,
      occurrences: group.occurrences,
      paths,
      ...(earliest ? { commit: { id: earliest.origin!.commit, author: earliest.origin!.author, date: new Date(earliest.origin!.time * 1000).toISOString() } } : {}),
      ...(provenance ? { inHead: Boolean(inHeadAt) } : {}),
      ...(holding ? { refs: holding } : {}),
      ...(first.accountId ? { accountId: first.accountId } : {}),
      ...(first.notGenuine ? { notGenuine: first.notGenuine } : {}),
      ...(unreachable ? { unreachable } : {}),
      ...(first.rule === 'aws-access-key-id' ? { paired: Boolean(group.secretKey) } : {}),
      ...(ignored ? { ignored } : {}),
    };
    return {
      finding,
      ...(first.rule === 'aws-access-key-id' ? { keyId: first.value } : {}),
      ...(group.secretKey ? { secretKey: group.secretKey } : {}),
      ...(group.sessionToken ? { sessionToken: group.sessionToken } : {}),
    };
  });
  const order = { critical: 0, high: 1, medium: 2 };
  secrets.sort((a, b) => order[a.finding.severity] - order[b.finding.severity] || a.finding.location.path.localeCompare(b.finding.location.path) || a.finding.location.line - b.finding.location.line);
  return { report: summarise({ target: target!, counts, warnings, findings: secrets.map((s) => s.finding), now: options.now ?? new Date() }), secrets };
}

/** A scan of the whole object store: the log of the history, written alongside, is read after it. */
interface StoreScan {
  /** The temporary folder of the spilled git output. */
  readonly dir: string;
  log?: HistoryLog;
  /** The count of objects the log names but the store lacks, under way while the blobs are scanned. */
  missing?: Promise<number>;
  stopMissing?: AbortController;
  walk?: Spill;
  origins?: Map<string, BlobOrigin>;
}

/** Stops the git commands a scan of the store spilled (should they still run) and removes their files. */
async function cleanUp(store: StoreScan | undefined): Promise<void> {
  if (!store) return;
  store.log?.stop();
  store.walk?.stop();
  store.stopMissing?.abort();
  // The missing-object check reads the log: its file goes only once the check is over.
  await store.missing?.catch(() => {});
  await rm(store.dir, { recursive: true, force: true });
}

/** The blobs the findings were seen in. */
function findingBlobs(groups: ReadonlyMap<string, Group>): Set<string> {
  return new Set([...groups.values()].flatMap((g) => g.seen.map((s) => s.blob ?? '')).filter(Boolean));
}

export function summarise(input: { target: SecretsReport['target']; counts: SecretsReport['counts']; warnings: string[]; findings: SecretFinding[]; now: Date }): SecretsReport {
  const ignored = { bulwarkignore: 0, inline: 0, baseline: 0 };
  for (const f of input.findings) if (f.ignored) ignored[f.ignored]++;
  return {
    tool: { name: 'bulwark', version: VERSION },
    command: 'secrets',
    scannedAt: input.now.toISOString(),
    target: input.target,
    counts: input.counts,
    warnings: input.warnings,
    summary: { open: input.findings.filter((f) => !f.ignored).length, ignored },
    findings: input.findings,
  };
}

/** The index paths of the given blobs that are staged but not committed: about to enter the history, not unreachable. */
async function stagedPaths(root: string, oids: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const paths = new Map<string, string[]>();
  for (const { oid, path } of await stagedEntries(root, (args) => git(root, args))) if (oids.has(oid)) paths.set(oid, [...(paths.get(oid) ?? []), path]);
  return paths;
}
