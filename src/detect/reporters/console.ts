/** The console: alerts grouped by actor (the worst actor first), each actor's alerts in time order, then what could not be read. */
import { severityRank } from '../../core/severity.js';
import type { Colors } from '../../cli/io.js';
import { MAX_KEPT_EVENTS, type Alert } from '../alert.js';
import { countByLevel, type DetectReport } from '../report.js';
import { mib, plain, plural } from './text.js';

export function renderDetectConsole(report: DetectReport, c: Colors): string {
  const s = report.summary;
  const lines: string[] = [];
  const rate = s.seconds > 0 ? ` (${Math.round(s.events / s.seconds).toLocaleString('en-US')} events/s)` : '';
  lines.push(c.bold(`Bulwark detect: ${plural(s.events, 'event')} in ${plural(s.filesRead, 'file')}, ${mib(s.compressedBytes)} read in ${s.seconds.toFixed(1)}s${rate}`));
  const skipped = [s.filesSkipped ? `${plural(s.filesSkipped, 'file')} not read` : '', s.recordsSkipped ? `${plural(s.recordsSkipped, 'entry', 'entries')} not CloudTrail` : '', s.filesOutsideRange ? `${plural(s.filesOutsideRange, 'file')} outside the time range by name` : '', s.eventsOutsideRange ? `${plural(s.eventsOutsideRange, 'event')} outside the time range` : ''].filter(Boolean);
  if (skipped.length) lines.push(c.dim(`Skipped: ${skipped.join(', ')}`));
  lines.push(c.dim(`Rules: ${report.rules.loaded} loaded (${plural(report.rules.correlations, 'correlation')}) from ${plural(report.rules.fromFiles, 'file')}${report.rules.problems.length ? `, ${report.rules.problems.length} not loaded (listed below)` : ''}`));
  lines.push('');

  const paint = (level: Alert['level'], text: string) => (level === 'critical' ? c.bold(c.red(text)) : level === 'high' ? c.red(text) : level === 'medium' ? c.yellow(text) : c.dim(text));
  if (!report.alerts.length) lines.push(c.green('No alerts.'));
  else {
    const counts = countByLevel(report.alerts);
    lines.push(`${plural(report.alerts.length, 'alert')}: ${Object.entries(counts).map(([level, n]) => paint(level as Alert['level'], `${n} ${level}`)).join(', ')}`);
    for (const [principal, alerts] of byActor(report.alerts)) {
      lines.push('');
      const a = alerts[0]!.actor;
      const detail = [a.accessKeyId ? `key ${a.accessKeyId}` : '', a.sourceIp ? `from ${a.sourceIp}` : '', a.userAgent ? `agent ${a.userAgent.slice(0, 60)}` : ''].filter(Boolean).join(', ');
      lines.push(`${c.bold(plain(principal))}${detail ? c.dim(` (${plain(detail)})`) : ''}`);
      for (const alert of alerts) {
        const when = alert.firstTime === alert.lastTime ? alert.firstTime : `${alert.firstTime} → ${alert.lastTime}`;
        lines.push(`  ${paint(alert.level, alert.level.toUpperCase().padEnd(8))} ${plain(when)}  ${plain(alert.title)}${alert.count > 1 ? ` ×${alert.count}` : ''}  ${c.dim(`${plain(alert.account)} ${plain(alert.region)}`)}`);
        const tags = [...alert.tags.filter((t) => /^attack\.t\d/.test(t)).map((t) => t.slice(7).toUpperCase()), ...alert.checklist].join(' ');
        lines.push(c.dim(`           ${plain(alert.ruleId)}${tags ? ` · ${plain(tags)}` : ''} · events ${plain(alert.eventIds.slice(0, 3).join(', '))}${alert.eventIds.length + alert.eventIdsOmitted > 3 ? ` +${alert.eventIds.length + alert.eventIdsOmitted - 3}` : ''}`));
      }
    }
  }
  if (report.eventsNotKept) lines.push('', c.dim(`${plural(report.eventsNotKept, 'matching event')} of alerts below high listed by eventID only: the run keeps ${MAX_KEPT_EVENTS.toLocaleString('en-US')} events in full`));
  if (report.inputProblems.length) {
    lines.push('', c.yellow(`Not read or partly read (${report.inputProblems.length + report.inputProblemsOmitted}):`));
    for (const p of report.inputProblems.slice(0, 20)) lines.push(`  ${plain(p.name)}: ${plain(p.reason)}`);
    const more = report.inputProblems.length - 20 + report.inputProblemsOmitted;
    if (more > 0) lines.push(c.dim(`  … and ${more} more (all of them in --format json)`));
  }
  if (report.rules.problems.length) {
    lines.push('', c.yellow(`Rules not loaded (${report.rules.problems.length}):`));
    for (const p of report.rules.problems.slice(0, 20)) lines.push(`  ${plain(p.file)}${p.rule ? ` (${plain(p.rule)})` : ''}: ${plain(p.reason)}`);
    if (report.rules.problems.length > 20) lines.push(c.dim(`  … and ${report.rules.problems.length - 20} more (all of them in --format json)`));
  }
  return `${lines.join('\n')}\n`;
}

/** Actors ordered by their worst alert, then their earliest; each actor's alerts in time order. */
export function byActor(alerts: readonly Alert[]): [string, Alert[]][] {
  const groups = new Map<string, Alert[]>();
  for (const a of alerts) groups.set(a.actor.principal, [...(groups.get(a.actor.principal) ?? []), a]);
  const worst = (list: Alert[]) => Math.max(...list.map((a) => severityRank(a.level)));
  const first = (list: Alert[]) => list.reduce((t, a) => (a.firstTime < t ? a.firstTime : t), '\uffff');
  for (const list of groups.values()) list.sort((a, b) => a.firstTime.localeCompare(b.firstTime));
  return [...groups.entries()].sort(([, a], [, b]) => worst(b) - worst(a) || first(a).localeCompare(first(b)));
}
