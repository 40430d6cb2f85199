/** The incident summary as markdown (a ticket, a PR, a wiki page): every account value escaped. */
import { escapeMarkdown as md, plural } from '../../lib/text.js';
import { alertView, type RespondReport } from '../report.js';

export function renderRespondMarkdown(report: RespondReport): string {
  const { scope } = report;
  const a = scope.activity;
  const out: string[] = [];
  out.push(`# Bulwark respond: account ${scope.account.id}${scope.source === 'demo' ? ' (demo)' : ''}`, '');
  out.push(`Since ${md(scope.since)} · read ${md(scope.readAt)} · regions ${md(scope.regions.join(', '))}`, '');
  out.push(report.suspicious ? `**Suspicious:** ${plural(scope.items.length, 'thing')} made since the start, ${plural(a.alerts.length, 'alert')} on ${plural(a.events, 'event')} of the suspect.` : '**Nothing suspicious found.**', '');
  out.push('## What the suspect did', '', '| service | action | count | failed | regions |', '|---|---|---|---|---|');
  for (const r of a.byAction) out.push(`| ${md(r.service)} | ${md(r.action)} | ${r.count} | ${r.errors} | ${md(r.regions.join(', '))} |`);
  if (a.alerts.length) {
    out.push('', '| level | first seen | alert | actor |', '|---|---|---|---|');
    for (const alert of a.alerts.map(alertView)) out.push(`| ${md(alert.level)} | ${md(alert.firstTime)} | ${md(alert.title)}${alert.count > 1 ? ` ×${alert.count}` : ''} | ${md(alert.principal)} |`);
  }
  out.push('', `## New since ${md(scope.since)}`, '');
  if (!scope.items.length) out.push('Nothing made since the start was found.');
  else {
    out.push('| kind | id | region | made | by | notes |', '|---|---|---|---|---|---|');
    for (const i of scope.items) out.push(`| ${md(i.kind)} | ${md(i.id)}${i.parent ? ` (${md(i.parent)})` : ''} | ${md(i.region)} | ${md(i.createdAt)} | ${md(i.createdBy ?? '')} | ${md(i.notes.join('; '))} |`);
  }
  if (scope.unreadable.length) {
    out.push('', '**Could not read (UNKNOWN):**', '');
    for (const u of scope.unreadable) out.push(`- ${md(u.kind)} in ${md(u.region)}: ${md(u.reason)}${u.permission ? ` (grant ${md(u.permission)})` : ''}`);
  }
  if (scope.cost) {
    out.push('', `## Cost per day (last ${scope.cost.recentDays} days against the ${scope.cost.baselineDays} before)`, '', '| service | now | before |', '|---|---|---|');
    for (const s of scope.cost.byService) out.push(`| ${md(s.service)} | ${s.recentPerDay.toFixed(2)} | ${s.baselinePerDay.toFixed(2)} |`);
  }
  if (report.plan) {
    out.push('', '## Containment plan', '', '| # | step | risk | undo |', '|---|---|---|---|');
    report.plan.steps.forEach((s, i) => out.push(`| ${i + 1} | ${md(s.title)} (\`${md(s.key)}\`) | ${s.risk} | ${s.undo?.length ? s.undo.map((u) => u.action).join(', ') : '**irreversible**'} |`));
    if (report.plan.manual.length) {
      out.push('', '**By hand:**', '');
      for (const m of report.plan.manual) out.push(`- ${md(m.checkId)} ${md(m.resource)}: ${md(m.reason ?? '')}; ${md(m.manual)}`);
    }
  }
  if (report.outcome) {
    out.push('', `## Contained (${report.outcome.operation})`, '', '| time | step | outcome |', '|---|---|---|');
    for (const s of report.outcome.steps) out.push(`| ${md(s.time)} | ${md(s.title)} | ${md(s.outcome)}${s.reason ? `: ${md(s.reason)}` : ''} |`);
  }
  out.push('', '## Recover', '', '| state | item | detail |', '|---|---|---|');
  for (const r of report.recover) out.push(`| ${r.state} | ${md(r.title)} (\`${r.id}\`) | ${md(r.detail)} |`);
  return `${out.join('\n')}\n`;
}
