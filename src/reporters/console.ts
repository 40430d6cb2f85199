import { renderAccountsConsole } from './accounts.js';
import type { Colors } from '../cli/io.js';
import type { Status } from '../core/check.js';
import type { Finding, Suppression } from '../core/finding.js';
import { statusCounts, type ChecklistStatus, type ScanReport } from '../core/report.js';
import type { FrameworkView, RequirementStatus } from '../compliance/view.js';
import { SEVERITIES, severityRank } from '../core/severity.js';
import { groupBy } from '../lib/group-by.js';
import { countsText, plural } from '../lib/text.js';
import { digestNote, type FindingsDigest } from './digest.js';

export interface ConsoleOptions {
  readonly colors: Colors;
  /** List every passing and not-applicable resource, not only counts. */
  readonly verbose: boolean;
  /** An organisation's findings, counted: `report.findings` then holds only the worst (`digest.shown`). */
  readonly digest?: FindingsDigest;
}

const ATTENTION: readonly Status[] = ['FAIL', 'ERROR', 'UNKNOWN', 'MANUAL'];

const WORST = 5;

/**
 * What a reader needs first, and all that `--output-dir` and `--quiet` print: who was scanned,
 * the counts, and the worst FAILs (most severe first).
 */
export function renderSummary(report: ScanReport, c: Colors, digest?: FindingsDigest): string {
  const fails = report.findings.filter((f) => f.status === 'FAIL').sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  // A digest holds only some of the FAILs: the count is the report's.
  const failCount = digest ? report.summary.FAIL : fails.length;
  const lines = [header(report, c), summaryLine(report, c, digest)];
  if (fails.length) {
    lines.push(c.bold('Worst findings'));
    for (const f of fails.slice(0, WORST)) lines.push(`  ${c.red('✗')} ${pad(severityLabel(f.severity, c), 8)} ${f.message}${regionNote(f, c)} ${c.dim(`(${f.checkId})`)}`);
    if (failCount > WORST) lines.push(`  ${c.dim(`… and ${plural(failCount - WORST, 'more FAIL')}`)}`);
  }
  const missing = report.missingPermissions.map((m) => m.permission);
  if (missing.length) lines.push(c.yellow(`Missing permissions (their verdicts are UNKNOWN): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`));
  return lines.join('\n');
}

/** The human report: the summary, what is wrong grouped by severity and check, the checklist, and the totals again. */
export function renderConsole(report: ScanReport, { colors: c, verbose: wantsVerbose, digest }: ConsoleOptions): string {
  // A digest cannot list every passing resource: it has only counted them.
  const verbose = wantsVerbose && !digest;
  const lines: string[] = [];
  const mark: Record<Status, string> = {
    FAIL: c.red('✗ FAIL'),
    ERROR: c.magenta('! ERROR'),
    UNKNOWN: c.yellow('? UNKNOWN'),
    MANUAL: c.cyan('● MANUAL'),
    SUPPRESSED: c.blue('◌ SUPPRESSED'),
    PASS: c.green('✓ PASS'),
    NOT_APPLICABLE: c.dim('- N/A'),
  };

  // An accepted risk is always listed, with its verdict and why it was accepted.
  const suppressedLine = (f: Finding, s: Suppression) => `    ${pad(mark.SUPPRESSED, 12)} ${c.dim(`${f.message} (${s.status.toLowerCase()}; accepted: ${s.reason})`)}`;
  lines.push(renderSummary(report, c, digest), '');
  const note = digest && digestNote(digest);
  if (note) lines.push(c.yellow(note), '');
  const byCheck = checkGroups(report.findings, digest);
  const needsAttention = (g: CheckGroup) => ATTENTION.some((s) => g.counts[s]);
  for (const severity of SEVERITIES) {
    const groups = byCheck.filter((g) => g.first.severity === severity && needsAttention(g));
    if (groups.length === 0) continue;
    lines.push(c.bold(severityLabel(severity, c)));
    for (const { first, findings: group, counts: tally } of groups) {
      lines.push(`  ${c.bold(first.title)} ${c.dim(`(${first.checkId} · ${first.checklist.join(', ')})`)}`);
      for (const f of group) {
        if (f.suppression) lines.push(suppressedLine(f, f.suppression));
        else if (ATTENTION.includes(f.status) || verbose) lines.push(`    ${pad(mark[f.status], 12)} ${f.message}${regionNote(f, c)}`);
      }
      if (digest) lines.push(...notListed(tally, group.length, c));
      const quiet = countsWords(tally, (s) => !ATTENTION.includes(s));
      if (quiet && !verbose) lines.push(`    ${c.dim(quiet)}`);
      if (tally.FAIL) {
        lines.push(`    ${c.bold('Fix:')} ${first.remediation.text}`);
        if (first.remediation.cli) lines.push(`         ${c.dim(first.remediation.cli)}`);
        lines.push(`         ${c.dim(first.remediation.url)}`);
      }
      lines.push('');
    }
  }

  const clean = byCheck.filter((g) => !needsAttention(g));
  if (clean.length) {
    lines.push(c.bold('Passed'));
    for (const { first, findings: group, counts: tally } of clean) {
      lines.push(`  ${c.green('✓')} ${first.title} ${c.dim(`(${first.checkId}: ${countsWords(tally)})`)}`);
      for (const f of group) {
        if (f.suppression) lines.push(suppressedLine(f, f.suppression));
        else if (verbose) lines.push(`    ${pad(mark[f.status], 12)} ${f.message}${regionNote(f, c)}`);
      }
      if (digest) lines.push(...notListed(tally, group.length, c));
    }
    lines.push('');
  }

  if (report.organization) lines.push(renderAccountsConsole(report, c));
  lines.push(...(report.compliance ? complianceLines(report.compliance, c) : checklistLines(report, c)), '');
  if (report.suppressions) lines.push(...suppressionLines(report.suppressions, c), '');

  if (report.missingPermissions.length) {
    lines.push(c.bold(c.yellow('Missing permissions')) + c.dim(' (grant them, or attach the SecurityAudit managed policy; see docs/permissions/scan-policy.json)'));
    for (const m of report.missingPermissions) lines.push(`  ${m.permission} ${c.dim(`(${m.regions.join(', ')})`)}`);
    lines.push('');
  }
  if (report.stats) lines.push(...renderStats(report.stats, c), '');

  lines.push(summaryLine(report, c, digest));
  return `${lines.join('\n')}\n`;
}

interface CheckGroup {
  readonly first: Finding;
  /** The findings there are to list: all of them, or the digest's share. */
  readonly findings: readonly Finding[];
  /** Every finding of the check, counted. */
  readonly counts: Partial<Record<Status, number>>;
}

/** The findings by check, in the order each check first came; with a digest, its counts and its listed findings. */
function checkGroups(findings: readonly Finding[], digest: FindingsDigest | undefined): CheckGroup[] {
  const listed = groupBy(findings, (f) => f.checkId);
  if (!digest) return [...listed.values()].map((group) => ({ first: group[0]!, findings: group, counts: statusCounts(group) }));
  return [...digest.checks].map(([checkId, tally]) => ({ ...tally, findings: listed.get(checkId) ?? [] }));
}

/** A check's findings a digest left out (it lists attention and accepted risks only). */
function notListed(tally: Partial<Record<Status, number>>, listed: number, c: Colors): string[] {
  const listable = [...ATTENTION, 'SUPPRESSED' as const].reduce((n, s) => n + (tally[s] ?? 0), 0);
  return listable > listed ? [`    ${c.dim(`… and ${listable - listed} more not listed; the whole list is in --format json`)}`] : [];
}

function checklistLines(report: ScanReport, c: Colors): string[] {
  const lines = [c.bold('Checklist')];
  const titleWidth = Math.max(...report.checklist.map((item) => item.title.length)) + 2;
  for (const item of report.checklist) {
    lines.push(`  ${pad(item.id, 5)}  ${pad(item.title, titleWidth)} ${pad(itemStatus(item.status, c), 16)} ${c.dim(countsText(item.counts))}`);
  }
  return lines;
}

function complianceLines(view: FrameworkView, c: Colors): string[] {
  const lines = [`${c.bold(`${view.title} ${view.version}`)} ${c.dim(`(${view.requirements.length} requirements: ${countsText(view.summary)})`)}`];
  let section = '';
  for (const r of view.requirements) {
    if (r.section !== section) lines.push(`  ${c.bold((section = r.section))}`);
    const kind = c.dim(`${r.automated ? 'auto' : 'manual'}${r.profile ? ` ${r.profile}` : ''}`);
    lines.push(`    ${pad(r.id, 6)} ${pad(itemStatus(r.status, c), 13)} ${pad(kind, 10)} ${r.title}${r.checks.length ? c.dim(` [${r.checks.join(', ')}]`) : ''}`);
    if (r.note) lines.push(`           ${c.dim(r.note)}`);
  }
  return lines;
}

function suppressionLines(suppressions: NonNullable<ScanReport['suppressions']>, c: Colors): string[] {
  const lines = [c.bold('Suppressions') + c.dim(` (${suppressions.file})`)];
  for (const use of suppressions.entries) {
    const until = use.expires ? ` until ${use.expires}` : '';
    if (use.state === 'active') lines.push(`  ${c.blue('◌')} ${use.rule}: ${use.findings} suppressed${until} · ${use.reason}`);
    else if (use.state === 'expired') lines.push(`  ${c.yellow('!')} ${use.rule}: expired ${use.expires}, ${plural(use.findings, 'finding')} no longer suppressed · ${use.reason}`);
    else lines.push(`  ${c.dim('-')} ${use.rule}: stale, nothing it matches needs suppressing: remove it · ${use.reason}`);
  }
  return lines;
}

function header(report: ScanReport, c: Colors): string {
  const { account, regions } = report;
  const who =
    report.source === 'demo'
      ? `${c.bgYellow(c.black(' DEMO '))} sample account ${account.id} (bundled data, not a real account)`
      : `account ${account.id}${account.callerArn ? ` as ${account.callerArn}` : ''}${report.source === 'inventory' ? ` (saved inventory of ${report.collectedAt})` : ''}`;
  const skipped = regions.skipped.length ? `; skipped ${regions.skipped.map((s) => `${s.region} (${s.reason})`).join(', ')}` : '';
  return [
    `${c.bold('Bulwark')} ${report.tool.version} · ${who}`,
    c.dim(`Regions: ${regions.scanned.length} scanned (${regions.scanned.join(', ') || 'none'})${skipped}`),
    c.dim(`Checks: ${report.checks.length}`),
    c.dim(`Thresholds: ${thresholds(report)}`),
  ].join('\n');
}

function thresholds({ config: { thresholds: t } }: ScanReport): string {
  return [
    `access keys rotated within ${t.accessKeyMaxAgeDays} d and used within ${t.accessKeyUnusedDays} d (new ones within ${t.newKeyGraceDays} d)`,
    `passwords changed within ${t.passwordMaxAgeDays} d`,
    `console used within ${t.consoleUnusedDays} d`,
    `root unused for ${t.rootUseWindowDays} d`,
    `under ${t.keyPairMaxInstances} instances per key pair`,
  ].join(', ');
}

export function summaryLine(report: ScanReport, c: Colors, digest?: FindingsDigest): string {
  const s = report.summary;
  const parts = [
    c.red(`${s.FAIL} failed`),
    c.green(`${s.PASS} passed`),
    c.yellow(`${s.UNKNOWN} unknown`),
    c.magenta(`${s.ERROR} errors`),
    c.cyan(`${s.MANUAL} manual`),
    ...(s.SUPPRESSED ? [c.blue(`${s.SUPPRESSED} suppressed`)] : []),
    c.dim(`${s.NOT_APPLICABLE} not applicable`),
  ];
  return `${c.bold('Summary:')} ${parts.join(' · ')} (${digest?.total ?? report.findings.length} findings from ${report.checks.length} checks)`;
}

function renderStats(stats: NonNullable<ScanReport['stats']>, c: Colors): string[] {
  const lines = [c.bold('API calls') + c.dim(` (${stats.totalCalls} in all)`)];
  for (const op of stats.operations) {
    const extra = [op.retries && `${op.retries} retries`, op.throttles && `${op.throttles} throttled`, op.errors && `${op.errors} failed`].filter(Boolean);
    lines.push(`  ${pad(op.operation, 44)} ${String(op.calls).padStart(6)}  ${c.dim(`${op.totalMs} ms${extra.length ? ` · ${extra.join(' · ')}` : ''}`)}`);
  }
  lines.push(c.dim(`  phases: ${Object.entries(stats.phasesMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`));
  return lines;
}

function itemStatus(status: ChecklistStatus | RequirementStatus, c: Colors): string {
  switch (status) {
    case 'FAIL': return c.red('FAIL');
    case 'ERROR': return c.magenta('ERROR');
    case 'UNKNOWN': return c.yellow('UNKNOWN');
    case 'MANUAL': return c.cyan('MANUAL');
    case 'SUPPRESSED': return c.blue('SUPPRESSED');
    case 'PASS': return c.green('PASS');
    case 'NOT_APPLICABLE': return c.dim('N/A');
    case 'NOT_SELECTED': return c.dim('not selected');
    case 'NOT_YET_CHECKED': return c.dim('not yet checked');
  }
}

function severityLabel(severity: (typeof SEVERITIES)[number], c: Colors): string {
  const label = severity.toUpperCase();
  return severityRank(severity) >= severityRank('high') ? c.red(label) : severity === 'medium' ? c.yellow(label) : label;
}

function regionNote(f: Finding, c: Colors): string {
  return f.resource.region === 'global' || f.message.includes(f.resource.region) ? '' : c.dim(` [${f.resource.region}]`);
}

/** Status counts in words, in the order the statuses first came; `keep` chooses which. */
function countsWords(counts: Partial<Record<Status, number>>, keep: (status: Status) => boolean = () => true): string {
  const words: Partial<Record<Status, string>> = { PASS: 'passed', NOT_APPLICABLE: 'not applicable' };
  return (Object.entries(counts) as [Status, number][]).filter(([s]) => keep(s)).map(([s, n]) => `${n} ${words[s] ?? s.toLowerCase()}`).join(', ');
}

/** Pads to a visible width, ignoring ANSI colour codes. */
function pad(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\u001b\[[0-9;]*m/g, '').length;
  return text + ' '.repeat(Math.max(0, width - visible));
}
