import { renderAccountsMarkdown } from './accounts.js';
import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import { SEVERITIES } from '../core/severity.js';
import { groupBy } from '../lib/group-by.js';
import { escapeMarkdown, plural } from '../lib/text.js';
import { digestNote, type FindingsDigest } from './digest.js';

const ICON: Record<string, string> = { FAIL: '❌', ERROR: '💥', UNKNOWN: '❓', MANUAL: '📝', SUPPRESSED: '🔕', PASS: '✅', NOT_APPLICABLE: '➖', NOT_SELECTED: '➖', NOT_YET_CHECKED: '➖' };
/** GitHub caps a step summary at 1 MiB: list this many resources per check, then count the rest. */
const MAX_PER_CHECK = 20;

/**
 * A summary for pull requests and CI step summaries (`>> $GITHUB_STEP_SUMMARY`). With a digest
 * (an organisation), `report.findings` holds only the worst findings and the counts come from it.
 */
export function renderMarkdown(report: ScanReport, digest?: FindingsDigest): string {
  const s = report.summary;
  const out: string[] = [];
  const who = report.source === 'demo' ? `DEMO sample account ${report.account.id}` : `account ${report.account.id}`;
  out.push(`## Bulwark: ${who}`, '');
  out.push(`${report.regions.scanned.length} regions · ${report.checks.length} checks · evaluated ${report.evaluatedAt}`, '');
  out.push('| ❌ Fail | ❓ Unknown | 💥 Error | 📝 Manual | 🔕 Suppressed | ✅ Pass | ➖ N/A |', '|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.FAIL} | ${s.UNKNOWN} | ${s.ERROR} | ${s.MANUAL} | ${s.SUPPRESSED} | ${s.PASS} | ${s.NOT_APPLICABLE} |`, '');
  const note = digest && digestNote(digest);
  if (note) out.push(`> **${note.replace('--format json', '`--format json`')}**`, '');
  if (report.organization) out.push(renderAccountsMarkdown(report));

  const attention: readonly Status[] = ['FAIL', 'ERROR', 'UNKNOWN'];
  // How many of a check's findings need attention: counted by the digest, or those given.
  const attentionCount = (checkId: string, group: readonly { status: Status }[]) => {
    const counts = digest?.checks.get(checkId)?.counts;
    return counts ? attention.reduce((n, s) => n + (counts[s] ?? 0), 0) : group.length;
  };
  // With a digest every check that needs attention is listed, even one whose findings were all left out.
  const listedByCheck = groupBy(report.findings.filter((f) => attention.includes(f.status)), (f) => f.checkId);
  for (const severity of SEVERITIES) {
    const byCheck: [string, { first: Finding; group: Finding[] }][] = digest
      ? [...digest.checks].filter(([checkId, tally]) => tally.first.severity === severity && attentionCount(checkId, []) > 0).map(([checkId, tally]) => [checkId, { first: tally.first, group: listedByCheck.get(checkId) ?? [] }])
      : [...groupBy(report.findings.filter((f) => f.severity === severity && attention.includes(f.status)), (f) => f.checkId)].map(([checkId, group]) => [checkId, { first: group[0]!, group }]);
    if (!byCheck.length) continue;
    const total = byCheck.reduce((n, [checkId, { group }]) => n + attentionCount(checkId, group), 0);
    out.push(`### ${severity[0]!.toUpperCase()}${severity.slice(1)} (${total})`, '');
    for (const [checkId, { first, group }] of byCheck) {
      const count = attentionCount(checkId, group);
      const listed = Math.min(group.length, MAX_PER_CHECK);
      out.push(`<details><summary>${escapeMarkdown(first.title)} — <code>${checkId}</code> (${count})</summary>`, '');
      for (const f of group.slice(0, MAX_PER_CHECK)) out.push(`- ${ICON[f.status]} ${escapeMarkdown(f.message)}${f.resource.region === 'global' ? '' : ` _(${f.resource.region})_`}`);
      if (count > listed) out.push(`- …and ${count - listed} more (${digest ? 'the whole list is in `--format json`' : 'see the full report'})`);
      if (digest ? digest.checks.get(checkId)?.counts.FAIL : group.some((f) => f.status === 'FAIL')) out.push('', `**Fix:** ${escapeMarkdown(first.remediation.text)} [Docs](${first.remediation.url})`);
      out.push('', '</details>', '');
    }
  }

  const suppressed = report.findings.filter((f) => f.suppression);
  if (suppressed.length || (digest && report.summary.SUPPRESSED)) {
    out.push(`<details><summary>🔕 Suppressed (${digest ? report.summary.SUPPRESSED : suppressed.length}): accepted risks, not counted as failures</summary>`, '');
    for (const f of suppressed.slice(0, MAX_PER_CHECK * 5)) out.push(`- ${escapeMarkdown(f.message)}: ${escapeMarkdown(f.suppression!.reason)}${f.suppression!.expires ? ` (until ${f.suppression!.expires})` : ''}`);
    if (digest && report.summary.SUPPRESSED > Math.min(suppressed.length, MAX_PER_CHECK * 5)) out.push(`- …and ${report.summary.SUPPRESSED - Math.min(suppressed.length, MAX_PER_CHECK * 5)} more (the whole list is in \`--format json\`)`);
    out.push('', '</details>', '');
  }

  if (report.compliance) {
    const view = report.compliance;
    out.push(`### ${escapeMarkdown(view.title)} ${view.version}`, '', '| Requirement | Verdict | Title |', '|---|---|---|');
    for (const r of view.requirements) out.push(`| ${r.id} | ${ICON[r.status]} ${r.status} | ${escapeMarkdown(r.title)} |`);
  } else {
    out.push('### Checklist', '', '| Item | Verdict | Advice |', '|---|---|---|');
    for (const item of report.checklist) out.push(`| ${item.id} | ${ICON[item.status]} ${item.status.replace(/_/g, ' ')} | ${escapeMarkdown(item.title)} |`);
  }
  out.push('');

  if (report.suppressions?.entries.some((e) => e.state !== 'active')) {
    out.push('### Suppressions to review', '');
    for (const e of report.suppressions.entries) {
      if (e.state === 'expired') out.push(`- ⚠️ \`${e.rule}\` expired on ${e.expires}: ${plural(e.findings, 'finding')} no longer suppressed (${escapeMarkdown(e.reason)})`);
      if (e.state === 'stale') out.push(`- \`${e.rule}\` matches nothing that needs suppressing: remove it (${escapeMarkdown(e.reason)})`);
    }
    out.push('');
  }
  if (report.missingPermissions.length) out.push(`**Missing permissions:** ${report.missingPermissions.map((m) => `\`${m.permission}\``).join(', ')}`, '');
  return `${out.join('\n')}\n`;
}
