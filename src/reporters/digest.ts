/**
 * A bounded view of many findings for the reports people read (console, markdown) of an
 * organisation: every finding is counted per check while it streams past, and only the worst
 * `limit` of those worth listing are kept. Memory holds `limit` findings and one tally per check,
 * whatever the number of accounts; the whole list stays in the machine formats (`--format json`).
 */
import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { Format } from './formats.js';
import { severityRank, type Severity } from '../core/severity.js';

/** How many findings an organisation's console and markdown reports list. */
export const DIGEST_LIMIT = 200;

/** The formats that render from a digest when one is given. */
export const DIGEST_FORMATS: ReadonlySet<Format> = new Set(['console', 'markdown', 'html']);

export interface CheckTally {
  /** The check's first finding: its title, severity, checklist items and fix. */
  readonly first: Finding;
  readonly counts: Partial<Record<Status, number>>;
}

export interface FindingsDigest {
  /** Every finding, listed or not. */
  readonly total: number;
  /** Every check, in the order its first finding came. */
  readonly checks: ReadonlyMap<string, CheckTally>;
  /** The worst findings worth listing, at most `limit`, in the order they came. */
  readonly shown: readonly Finding[];
  /** FAIL findings by severity, every one counted. */
  readonly failing: Partial<Record<Severity, number>>;
  /** Findings worth listing that were counted but left out. */
  readonly omitted: number;
  readonly limit: number;
}

/** FAIL first, then ERROR, UNKNOWN, MANUAL and accepted risks; within each the most severe. The rest is not listed. */
const STATUS_RANK: Partial<Record<Status, number>> = { FAIL: 5, ERROR: 4, UNKNOWN: 3, MANUAL: 2, SUPPRESSED: 1 };

function rank(f: Finding): number {
  return (STATUS_RANK[f.status] ?? 0) * 10 + severityRank(f.severity);
}

export async function digestFindings(findings: AsyncIterable<Finding> | Iterable<Finding>, limit = DIGEST_LIMIT): Promise<FindingsDigest> {
  const checks = new Map<string, { first: Finding; counts: Partial<Record<Status, number>> }>();
  // Kept findings with their arrival order; pruned to `limit` whenever twice that many wait, so
  // selection costs O(n log limit) in all and memory never holds more than 2 × limit findings.
  let kept: { f: Finding; order: number; rank: number }[] = [];
  const prune = () => {
    kept.sort((a, b) => b.rank - a.rank || a.order - b.order);
    kept.length = Math.min(kept.length, limit);
  };
  let total = 0;
  let listable = 0;
  const failing: Partial<Record<Severity, number>> = {};
  for await (const f of findings) {
    const tally = checks.get(f.checkId) ?? { first: f, counts: {} };
    tally.counts[f.status] = (tally.counts[f.status] ?? 0) + 1;
    checks.set(f.checkId, tally);
    if (f.status === 'FAIL') failing[f.severity] = (failing[f.severity] ?? 0) + 1;
    const r = rank(f);
    if (r >= 10) {
      listable += 1;
      kept.push({ f, order: total, rank: r });
      if (kept.length >= 2 * limit) prune();
    }
    total += 1;
  }
  prune();
  kept = kept.sort((a, b) => a.order - b.order);
  return { total, checks, shown: kept.map((k) => k.f), failing, omitted: listable - kept.length, limit };
}

/** The one line that says what a digest leaves out, and where the rest is. */
export function digestNote(digest: FindingsDigest): string | undefined {
  if (!digest.omitted) return undefined;
  return `Listed: the ${digest.shown.length} worst of ${digest.shown.length + digest.omitted} findings that need attention (FAIL first, most severe first); ${digest.omitted} more are counted but not listed. The whole list is in --format json.`;
}
