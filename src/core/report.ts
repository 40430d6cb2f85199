import type { Check, Status } from './check.js';
import { STATUSES } from './check.js';
import type { Finding } from './finding.js';
import { severityRank, type Severity } from './severity.js';
import { CHECKLIST } from '../compliance/checklist.js';
import type { AccountInfo, Inventory } from '../inventory/schema.js';
import type { CallStats } from '../aws/stats.js';
import { VERSION } from '../version.js';
import type { Config } from '../config/schema.js';
import type { SuppressionUse } from '../suppressions/apply.js';
import type { FrameworkView } from '../compliance/view.js';

/** Bumped when a field of the findings document changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

export type FailOn = Severity | 'none';
export type ChecklistStatus = Status | 'NOT_SELECTED' | 'NOT_YET_CHECKED';

export interface ChecklistCoverage {
  readonly id: string;
  readonly section: string;
  readonly title: string;
  readonly status: ChecklistStatus;
  readonly checks: readonly string[];
  readonly counts: Partial<Record<Status, number>>;
}

export interface MissingPermission {
  readonly permission: string;
  readonly regions: readonly string[];
}

export interface ScanReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: 'bulwark'; readonly version: string };
  /** `demo` reports come from the bundled sample account, never from a real one. */
  readonly source: 'live' | 'inventory' | 'demo';
  readonly account: AccountInfo;
  readonly collectedAt: string;
  readonly evaluatedAt: string;
  readonly regions: Inventory['regions'];
  readonly checks: readonly string[];
  readonly failOn: FailOn;
  /** The thresholds and intentions the checks were evaluated with. */
  readonly config: Config;
  readonly summary: Record<Status, number>;
  readonly checklist: readonly ChecklistCoverage[];
  readonly missingPermissions: readonly MissingPermission[];
  readonly findings: readonly Finding[];
  /** The suppressions file and what each entry did (active, expired, stale). */
  readonly suppressions?: { readonly file: string; readonly entries: readonly SuppressionUse[] };
  /** The `--compliance` framework view, when one other than the checklist was asked for. */
  readonly compliance?: FrameworkView;
  readonly stats?: ReturnType<CallStats['toJSON']>;
  /** `scan --org`: every account's outcome and the accounts left out. */
  readonly organization?: OrganizationSection;
}

/** One account of an organisation scan, as the per-account table and matrix show it. */
export interface AccountSummary {
  readonly id: string;
  readonly name: string;
  readonly status: 'scanned' | 'unreachable' | 'failed';
  readonly reason?: string;
  readonly regions: readonly string[];
  readonly counts: Partial<Record<Status, number>>;
  /** FAIL findings by severity. */
  readonly failing: Partial<Record<Severity, number>>;
  /** Each selected checklist item's verdict in this account. */
  readonly checklist: Readonly<Record<string, Status>>;
  readonly calls: number;
  readonly durationMs: number;
}

export interface OrganizationSection {
  readonly accounts: readonly AccountSummary[];
  readonly skipped: readonly { readonly id: string; readonly name: string; readonly reason: string }[];
}

export interface ReportInput {
  readonly source: ScanReport['source'];
  readonly inventory: Inventory;
  readonly allChecks: readonly Check[];
  readonly selected: readonly Check[];
  readonly findings: readonly Finding[];
  readonly failOn: FailOn;
  readonly config: Config;
  readonly now: Date;
  readonly suppressions?: ScanReport['suppressions'];
  readonly compliance?: FrameworkView;
  readonly stats?: CallStats;
}

export function buildReport(input: ReportInput): ScanReport {
  const { inventory, findings } = input;
  const summary = { ...(Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>), ...statusCounts(findings) };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'bulwark', version: VERSION },
    source: input.source,
    account: inventory.account,
    collectedAt: inventory.collectedAt,
    evaluatedAt: input.now.toISOString(),
    regions: inventory.regions,
    checks: input.selected.map((c) => c.id),
    failOn: input.failOn,
    config: input.config,
    summary,
    checklist: checklistCoverage(input.allChecks, input.selected, countsByItem(findings)),
    missingPermissions: missingPermissions(findings),
    findings,
    ...(input.suppressions ? { suppressions: input.suppressions } : {}),
    ...(input.compliance ? { compliance: input.compliance } : {}),
    ...(input.stats ? { stats: input.stats.toJSON() } : {}),
  };
}

/** How many findings have each verdict (verdicts with none are left out). */
export function statusCounts(findings: readonly Finding[]): Partial<Record<Status, number>> {
  const counts: Partial<Record<Status, number>> = {};
  for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
  return counts;
}

/** Each checklist item's status counts over the findings that serve it, in one pass over the findings. */
function countsByItem(findings: readonly Finding[]): (item: string) => Partial<Record<Status, number>> {
  const byItem = new Map<string, Partial<Record<Status, number>>>();
  for (const f of findings) {
    for (let i = 0; i < f.checklist.length; i++) {
      const item = f.checklist[i]!;
      if (f.checklist.indexOf(item) !== i) continue; // an item named twice counts the finding once
      let counts = byItem.get(item);
      if (!counts) byItem.set(item, (counts = {}));
      counts[f.status] = (counts[f.status] ?? 0) + 1;
    }
  }
  return (item) => byItem.get(item) ?? {};
}

/** The verdict of a group of findings: one FAIL makes it fail; "could not tell" outranks a pass. */
export function worstStatus(counts: Partial<Record<Status, number>>): Status {
  return STATUSES.find((s) => counts[s]) ?? 'NOT_APPLICABLE';
}

/** Each checklist item's verdict from the counts of its findings (by item id): kept as counts, so many accounts can be added up. */
export function checklistCoverage(all: readonly Check[], selected: readonly Check[], countsOf: (item: string) => Partial<Record<Status, number>>): ChecklistCoverage[] {
  return CHECKLIST.map((item) => {
    const checks = all.filter((c) => c.checklist.includes(item.id)).map((c) => c.id);
    const chosen = selected.filter((c) => c.checklist.includes(item.id)).map((c) => c.id);
    const counts = countsOf(item.id);
    let status: ChecklistStatus;
    if (checks.length === 0) status = 'NOT_YET_CHECKED';
    else if (chosen.length === 0) status = 'NOT_SELECTED';
    else status = worstStatus(counts);
    return { id: item.id, section: item.section, title: item.title, status, checks: chosen.length ? chosen : checks, counts };
  });
}

function missingPermissions(findings: readonly Finding[]): MissingPermission[] {
  const byPermission = new Map<string, Set<string>>();
  for (const f of findings) {
    const permission = f.notCollected?.permission;
    if (permission) byPermission.set(permission, (byPermission.get(permission) ?? new Set()).add(f.resource.region));
  }
  return [...byPermission]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([permission, regions]) => ({ permission, regions: [...regions].sort() }));
}

export interface ExitOptions {
  /** `--fail-on-unknown`: a finding that could not be read fails the scan too. */
  readonly failOnUnknown?: boolean;
}

/**
 * 2 when nothing could be evaluated (see nothingEvaluated); 1 when a FAIL at or above the threshold
 * exists, or any UNKNOWN with `failOnUnknown`; else 0. Usage and credential errors (2) never get here.
 */
export function exitCode(report: ScanReport, options: ExitOptions = {}): 0 | 1 | 2 {
  if (nothingEvaluated(report)) return 2;
  if (options.failOnUnknown && report.findings.some((f) => f.status === 'UNKNOWN')) return 1;
  if (report.failOn === 'none') return 0;
  const threshold = severityRank(report.failOn);
  return report.findings.some((f) => f.status === 'FAIL' && severityRank(f.severity) >= threshold) ? 1 : 0;
}

/** Verdicts that come from reading the account (a suppressed finding counts by the verdict it hides). */
const JUDGED = new Set<Status>(['PASS', 'FAIL', 'NOT_APPLICABLE']);

/**
 * Why the scan judged nothing, or undefined when it judged something: no region was scanned, or
 * every finding is UNKNOWN or ERROR. Such a scan must not look green. MANUAL-only selections are fine.
 */
export function nothingEvaluated(report: ScanReport): string | undefined {
  if (report.regions.scanned.length === 0) {
    const skipped = report.regions.skipped.map((s) => s.region);
    return `no region was scanned${skipped.length ? ` (${skipped.join(', ')}: ${report.regions.skipped[0]!.reason})` : ''}`;
  }
  const verdict = (f: Finding) => f.suppression?.status ?? f.status;
  if (report.findings.some((f) => JUDGED.has(verdict(f)))) return undefined;
  const unreadable = report.findings.filter((f) => verdict(f) === 'UNKNOWN' || verdict(f) === 'ERROR');
  if (unreadable.length === 0) return undefined;
  const permissions = report.missingPermissions.map((p) => p.permission);
  const grant = permissions.length
    ? `: grant ${permissions.slice(0, 3).join(', ')}${permissions.length > 3 ? ` and ${permissions.length - 3} more (see Missing permissions)` : ''}, or attach the policy bulwark permissions prints`
    : `: ${unreadable[0]!.message}`;
  return `${unreadable.length === 1 ? 'the one finding is' : `all ${unreadable.length} findings are`} UNKNOWN or ERROR${grant}`;
}
