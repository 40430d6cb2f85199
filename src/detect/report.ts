/** What `bulwark detect` produces: a typed value every reporter renders, and the JSON format saves. */
import { severityRank, type Severity } from '../core/severity.js';
import type { Alert } from './alert.js';
import type { RuleProblem } from './sigma/rule.js';

export interface InputProblem {
  readonly name: string;
  readonly reason: string;
}

export interface ReadSummary {
  /** Files (or objects, or LookupEvents regions) found in the sources and in the time range. */
  files: number;
  filesRead: number;
  /** Files that could not be read or held no CloudTrail: each named in `inputProblems`. */
  filesSkipped: number;
  /** Files left unopened because their delivery time is outside --since/--until. */
  filesOutsideRange: number;
  events: number;
  /** Entries in readable files that were not CloudTrail records. */
  recordsSkipped: number;
  eventsOutsideRange: number;
  /** Bytes as stored (gzip for trail files) and decompressed. */
  compressedBytes: number;
  bytes: number;
  seconds: number;
}

export interface DetectReport {
  readonly tool: { readonly name: 'bulwark'; readonly version: string };
  readonly generatedAt: string;
  readonly sources: readonly string[];
  readonly range: { readonly since?: string; readonly until?: string };
  readonly rules: { readonly loaded: number; readonly correlations: number; readonly fromFiles: number; readonly problems: readonly RuleProblem[] };
  readonly summary: ReadSummary;
  readonly inputProblems: readonly InputProblem[];
  /** Input problems beyond the listed ones, counted only. */
  readonly inputProblemsOmitted: number;
  /** Matching events of alerts below high listed by eventID only, once the run kept MAX_KEPT_EVENTS in full. */
  readonly eventsNotKept: number;
  readonly alerts: readonly Alert[];
}

export const MAX_INPUT_PROBLEMS = 1_000;

/** Worst level first, then earliest. */
export function byPriority(a: Alert, b: Alert): number {
  return severityRank(b.level) - severityRank(a.level) || a.firstTime.localeCompare(b.firstTime) || a.title.localeCompare(b.title);
}

export function countByLevel(alerts: readonly Alert[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const a of alerts) counts[a.level] = (counts[a.level] ?? 0) + 1;
  return counts;
}
