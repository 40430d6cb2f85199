/** The terminal summary: what the suspect did, what is new, what was contained, and what is left to recover. Summary first. */
import type { Colors } from '../../cli/io.js';
import { renderPlan } from '../../plan/render.js';
import { neutralise as t, plural } from '../../lib/text.js';
import { groupBy } from '../../lib/group-by.js';
import { alertView, type RespondReport } from '../report.js';
import type { RecoverState } from '../recover.js';

const MAX_LISTED = 40;

export function renderRespondConsole(report: RespondReport, c: Colors): string {
  const { scope } = report;
  const a = scope.activity;
  const lines: string[] = [];
  const where = scope.source === 'demo' ? ' (the demo account)' : '';
  lines.push(c.bold(`Bulwark respond: account ${scope.account.id}${where}, since ${scope.since}, read ${scope.readAt}`));
  const suspects = [...scope.suspect.principals, ...scope.suspect.accessKeys];
  lines.push(c.dim(`Suspects: ${suspects.length ? t(suspects.join(', ')) : 'none named (everything made since the start is listed)'} · regions ${t(scope.regions.join(', ')) || 'none'}`));
  const contained = report.outcome?.steps.filter((s) => s.outcome === 'applied' || s.outcome === 'undone').length;
  const headline = report.suspicious
    ? c.red(c.bold(`SUSPICIOUS: ${plural(scope.items.length, 'thing')} made since the start, ${plural(a.alerts.length, 'alert')} on ${plural(a.events, 'event')} of the suspect`))
    : c.green(`Nothing suspicious found: nothing made since the start, no alert on ${plural(a.events, 'event')} of the suspect`);
  lines.push(headline);
  const parts = [
    report.plan ? `${plural(report.plan.steps.length, 'containment step')} planned` : '',
    contained !== undefined ? `${contained} ${report.outcome?.operation === 'undo' ? 'undone' : 'applied'}` : '',
    `${report.recover.filter((r) => r.state !== 'PASS' && r.state !== 'DONE').length} recover items open`,
    scope.unreadable.length ? c.yellow(`${scope.unreadable.length} reads failed (UNKNOWN below)`) : '',
  ].filter(Boolean);
  lines.push(parts.join(' · '), '');

  lines.push(c.bold(`What the suspect did (${plural(a.events, 'event')}${a.firstTime ? `, ${a.firstTime} → ${a.lastTime}` : ''}, from ${a.source})`));
  if (!a.byAction.length) lines.push(c.dim('  no event of the suspect was found'));
  for (const row of a.byAction.slice(0, MAX_LISTED)) lines.push(`  ${t(`${row.service}:${row.action}`).padEnd(44)} ×${row.count}${row.errors ? c.yellow(` (${row.errors} failed)`) : ''}  ${c.dim(t(row.regions.join(', ')))}`);
  if (a.byAction.length > MAX_LISTED) lines.push(c.dim(`  … and ${a.byAction.length - MAX_LISTED} more actions (all in --format json)`));
  for (const alert of a.alerts.map(alertView)) lines.push(`  ${paint(alert.level, c)(alert.level.toUpperCase().padEnd(8))} ${t(alert.firstTime)}  ${t(alert.title)}${alert.count > 1 ? ` ×${alert.count}` : ''}  ${c.dim(t(alert.principal))}`);
  lines.push('');

  lines.push(c.bold(`What is new since ${scope.since} (${scope.items.length})`));
  if (!scope.items.length) lines.push(c.dim('  nothing made since the start was found'));
  for (const [kind, items] of groupBy(scope.items, (i) => i.kind)) {
    lines.push(`  ${c.bold(kind)} (${items.length})`);
    for (const item of items.slice(0, MAX_LISTED)) {
      const made = [item.region === 'global' ? '' : item.region, item.createdAt, item.createdBy ? `by ${item.createdBy}` : ''].filter(Boolean).join(' · ');
      lines.push(`    ${t(item.id)}${item.parent ? ` (${t(item.parent)})` : ''}  ${c.dim(t(made))}${item.notes.length ? `  ${t(item.notes.join('; '))}` : ''}`);
    }
    if (items.length > MAX_LISTED) lines.push(c.dim(`    … and ${items.length - MAX_LISTED} more`));
  }
  if (scope.unreadable.length) {
    lines.push(c.yellow(`  UNKNOWN: could not read (${scope.unreadable.length}):`));
    for (const u of scope.unreadable.slice(0, MAX_LISTED)) lines.push(`    ${t(u.kind)} in ${t(u.region)}: ${t(u.reason)}${u.permission ? ` (grant ${t(u.permission)})` : ''}`);
  }
  lines.push('');

  if (scope.cost) {
    const jumps = scope.cost.byService.filter((s) => s.recentPerDay > 2 * s.baselinePerDay + 1);
    lines.push(c.bold(`Cost per day, last ${scope.cost.recentDays} days against the ${scope.cost.baselineDays} before`));
    for (const s of jumps.slice(0, 10)) lines.push(`  ${c.red('↑')} ${t(s.service)}: ${s.recentPerDay.toFixed(2)} ${t(scope.cost.currency)} (was ${s.baselinePerDay.toFixed(2)})`);
    if (!jumps.length) lines.push(c.dim('  no service costs markedly more than before'));
    lines.push('');
  } else lines.push(c.dim('Cost: not read (Cost Explorer)'), '');

  if (report.outcome) {
    lines.push(c.bold(`Contained (${report.outcome.operation}, journal ${t(report.outcome.journal)})`));
    for (const s of report.outcome.steps) {
      const ok = s.outcome === 'applied' || s.outcome === 'undone';
      lines.push(`  ${ok ? c.green('✓') : s.outcome === 'failed' ? c.red('✗') : c.yellow('-')} ${t(s.title)}  ${c.dim(`${s.outcome}${s.reason ? `: ${t(s.reason)}` : ''}`)}`);
    }
    lines.push('');
  }

  lines.push(c.bold('Recover'));
  for (const item of report.recover) lines.push(`  ${stateLabel(item.state, c)} ${t(item.title)} ${c.dim(`[${item.id}]`)}: ${t(item.detail)}`, c.dim(`      how: ${t(item.how)}`));
  const open = report.recover.filter((r) => r.state === 'TODO').map((r) => r.id);
  if (open.length) lines.push(c.dim(`  When done, record it in the journal: --ack ${open.join(',')}`));

  if (report.plan && !report.outcome) lines.push('', renderPlan(report.plan, c).trimEnd());
  return `${lines.join('\n')}\n`;
}

function paint(level: string, c: Colors) {
  return level === 'critical' ? (s: string) => c.bold(c.red(s)) : level === 'high' ? c.red : level === 'medium' ? c.yellow : c.dim;
}

function stateLabel(state: RecoverState, c: Colors): string {
  const word = `[${state}]`.padEnd(9);
  return state === 'PASS' || state === 'DONE' ? c.green(word) : state === 'FAIL' ? c.red(word) : c.yellow(word);
}
