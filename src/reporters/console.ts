import { renderAccountsConsole } from './accounts.js';
import type { Colors } from '../cli/io.js';
import type { Status } from '../core/check.js';
import type { Finding, Suppression } from '../core/finding.js';
import { statusCounts, type ChecklistStatus, type ScanReport } from '../core/report.js';
import type { FrameworkView, RequirementStatus } from '../compliance/view.js';
import { SEVERITIES, severityRank } from '../core/severity.js';
import { groupBy } from '../lib/group-by.js';
import { countsText, plural } from '../lib/text.js';

export interface ConsoleOptions {
  readonly colors: Colors;
  /** List every passing and not-applicable resource, not only counts. */
  readonly verbose: boolean;
}

const ATTENTION: readonly Status[] = ['FAIL', 'ERROR', 'UNKNOWN', 'MANUAL'];

const WORST = 5;

/**
 * What a reader needs first, and all that `--output-dir` and `--quiet` print: who was scanned,
 * the counts, and the worst FAILs (most severe first).
 */
export function renderSummary(report: ScanReport, c: Colors): string {
  const fails = report.findings.filter((f) => f.status === 'FAIL').sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const lines = [header(report, c), summaryLine(report, c)];
  if (fails.length) {
    lines.push(c.bold('Worst findings'));
    for (const f of fails.slice(0, WORST)) lines.push(`  ${c.red('✗')} ${pad(severityLabel(f.severity, c), 8)} ${f.message}${regionNote(f, c)} ${c.dim(`(${f.checkId})`)}`);
    if (fails.length > WORST) lines.push(`  ${c.dim(`… and ${plural(fails.length - WORST, 'more FAIL')}`)}`);
  }
  const missing = report.missingPermissions.map((m) => m.permission);
  if (missing.length) lines.push(c.yellow(`Missing permissions (their verdicts are UNKNOWN): ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`));
  return lines.join('\n');
}

/** The human report: the summary, what is wrong grouped by severity and check, the checklist, and the totals again. */
export function renderConsole(report: ScanReport, { colors: c, verbose }: ConsoleOptions): string {
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
  lines.push(renderSummary(report, c), '');
  const byCheck = groupBy(report.findings, (f) => f.checkId);
  for (const severity of SEVERITIES) {
    const groups = [...byCheck.values()].filter((g) => g[0]?.severity === severity && g.some((f) => ATTENTION.includes(f.status)));
    if (groups.length === 0) continue;
    lines.push(c.bold(severityLabel(severity, c)));
    for (const group of groups) {
      const first = group[0]!;
      lines.push(`  ${c.bold(first.title)} ${c.dim(`(${first.checkId} · ${first.checklist.join(', ')})`)}`);
      for (const f of group) {
        if (f.suppression) lines.push(suppressedLine(f, f.suppression));
        else if (ATTENTION.includes(f.status) || verbose) lines.push(`    ${pad(mark[f.status], 12)} ${f.message}${regionNote(f, c)}`);
      }
      const quiet = counts(group.filter((f) => !ATTENTION.includes(f.status)));
      if (quiet && !verbose) lines.push(`    ${c.dim(quiet)}`);
      if (group.some((f) => f.status === 'FAIL')) {
        lines.push(`    ${c.bold('Fix:')} ${first.remediation.text}`);
        if (first.remediation.cli) lines.push(`         ${c.dim(first.remediation.cli)}`);
        lines.push(`         ${c.dim(first.remediation.url)}`);
      }
      lines.push('');
    }
  }

  const clean = [...byCheck.values()].filter((g) => !g.some((f) => ATTENTION.includes(f.status)));
  if (clean.length) {
    lines.push(c.bold('Passed'));
    for (const group of clean) {
      const first = group[0]!;
      lines.push(`  ${c.green('✓')} ${first.title} ${c.dim(`(${first.checkId}: ${counts(group)})`)}`);
      for (const f of group) {
        if (f.suppression) lines.push(suppressedLine(f, f.suppression));
        else if (verbose) lines.push(`    ${pad(mark[f.status], 12)} ${f.message}${regionNote(f, c)}`);
      }
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

  lines.push(summaryLine(report, c));
  return `${lines.join('\n')}\n`;
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

export function summaryLine(report: ScanReport, c: Colors): string {
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
  return `${c.bold('Summary:')} ${parts.join(' · ')} (${report.findings.length} findings from ${report.checks.length} checks)`;
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

function counts(findings: readonly Finding[]): string {
  const words: Partial<Record<Status, string>> = { PASS: 'passed', NOT_APPLICABLE: 'not applicable' };
  return Object.entries(statusCounts(findings)).map(([s, n]) => `${n} ${words[s as Status] ?? s.toLowerCase()}`).join(', ');
}

/** Pads to a visible width, ignoring ANSI colour codes. */
function pad(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\u001b\[[0-9;]*m/g, '').length;
  return text + ' '.repeat(Math.max(0, width - visible));
}
