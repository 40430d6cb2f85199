import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { readTextFile } from '../lib/yaml-file.js';
import { findingSchema, reportSchema } from '../core/report-schema.js';
import { severityRank, type Severity } from '../core/severity.js';
import '../lib/zod-messages.js';

/** The parts of a findings document (`--format json`) a diff reads; the rest may change freely. */
const diffSchema = reportSchema
  .pick({ schemaVersion: true, account: true, evaluatedAt: true, checks: true, regions: true })
  .extend({ findings: z.array(findingSchema.pick({ id: true, checkId: true, title: true, severity: true, status: true, message: true, resource: true }).loose()) })
  .loose();

type DiffReport = z.infer<typeof diffSchema>;
type DiffFinding = DiffReport['findings'][number];

export interface ChangedFinding extends DiffFinding {
  /** For resolved findings: the verdict now (PASS, SUPPRESSED, …) or GONE when the new scan has no such finding. */
  readonly now?: string;
}

export interface ScanDiff {
  readonly old: { readonly account: string; readonly evaluatedAt: string };
  readonly new: { readonly account: string; readonly evaluatedAt: string };
  readonly summary: { readonly new: number; readonly resolved: number; readonly unchanged: number; readonly notCompared: number };
  /** FAIL now, and not FAIL before (absent, passing, unknown or suppressed). */
  readonly newFindings: readonly DiffFinding[];
  /** FAIL before, and not now. */
  readonly resolved: readonly ChangedFinding[];
  /** FAIL in both, by finding id. */
  readonly unchanged: readonly DiffFinding[];
  /** FAIL before, of checks or regions the new scan did not cover: neither fixed nor still failing. */
  readonly notCompared: readonly DiffFinding[];
}

export async function loadReport(path: string): Promise<DiffReport> {
  const text = await readTextFile(path, 'report');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`report ${path} is not JSON: diff reads the findings documents of bulwark scan --format json`);
  }
  const result = diffSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`report ${path} is not a Bulwark findings document (schemaVersion 1): ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

/** Findings compared by their deterministic id (check, account, region, resource). */
export function diffReports(before: DiffReport, after: DiffReport): ScanDiff {
  const failingIds = (report: DiffReport) => new Set(report.findings.filter((f) => f.status === 'FAIL').map((f) => f.id));
  const [failedBefore, failsNow] = [failingIds(before), failingIds(after)];
  const nowFailing = after.findings.filter((f) => failsNow.has(f.id));
  const wasFailing = before.findings.filter((f) => failedBefore.has(f.id));
  const newFindings = nowFailing.filter((f) => !failedBefore.has(f.id));
  const unchanged = nowFailing.filter((f) => failedBefore.has(f.id));
  const checks = new Set(after.checks);
  const regions = new Set([...after.regions.scanned, 'global']);
  const compared = (f: DiffFinding) => checks.has(f.checkId) && regions.has(f.resource.region);
  const notCompared = wasFailing.filter((f) => !compared(f));
  const afterById = new Map(after.findings.map((f) => [f.id, f]));
  const resolved = wasFailing.filter((f) => compared(f) && !failsNow.has(f.id)).map((f) => ({ ...f, now: afterById.get(f.id)?.status ?? 'GONE' }));
  const bySeverity = (a: DiffFinding, b: DiffFinding) => severityRank(b.severity) - severityRank(a.severity) || a.checkId.localeCompare(b.checkId) || a.resource.id.localeCompare(b.resource.id);
  return {
    old: { account: before.account.id, evaluatedAt: before.evaluatedAt },
    new: { account: after.account.id, evaluatedAt: after.evaluatedAt },
    summary: { new: newFindings.length, resolved: resolved.length, unchanged: unchanged.length, notCompared: notCompared.length },
    newFindings: newFindings.sort(bySeverity),
    resolved: resolved.sort(bySeverity),
    unchanged: unchanged.sort(bySeverity),
    notCompared: notCompared.sort(bySeverity),
  };
}

/** `--fail-on-new`: 1 when a new FAIL at or above the severity exists. */
export function diffExitCode(diff: ScanDiff, failOnNew: Severity | undefined): 0 | 1 {
  if (!failOnNew) return 0;
  return diff.newFindings.some((f) => severityRank(f.severity) >= severityRank(failOnNew)) ? 1 : 0;
}
