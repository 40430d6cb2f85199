/** A markdown summary (pull requests, issue trackers, CI step summaries): counts, then one table row per alert. */
import type { DetectReport } from '../report.js';
import { byActor } from './console.js';
import { plain, plural } from './text.js';

const md = (text: string) => plain(text).replace(/[\\`*_{}[\]<>|#!]/g, '\\$&');

export function renderDetectMarkdown(report: DetectReport): string {
  const s = report.summary;
  const out = [`# Bulwark detect`, '', `${plural(s.events, 'event')} in ${plural(s.filesRead, 'file')} read (${s.filesSkipped} not read); ${report.rules.loaded} rules; **${plural(report.alerts.length, 'alert')}**.`, ''];
  if (report.alerts.length) {
    out.push('| Level | Time | Alert | Actor | Source IP | Account / region | Events |', '|---|---|---|---|---|---|---|');
    for (const [, alerts] of byActor(report.alerts)) {
      for (const a of alerts) out.push(`| ${a.level} | ${md(a.firstTime)} | ${md(a.title)} | ${md(a.actor.principal)} | ${md(a.actor.sourceIp ?? '')} | ${md(a.account)} ${md(a.region)} | ${a.count} |`);
    }
    out.push('');
  }
  if (report.inputProblems.length) {
    out.push(`## Not read (${report.inputProblems.length + report.inputProblemsOmitted})`, '', ...report.inputProblems.slice(0, 50).map((p) => `- ${md(p.name)}: ${md(p.reason)}`), '');
  }
  if (report.rules.problems.length) {
    out.push(`## Rules not loaded (${report.rules.problems.length})`, '', ...report.rules.problems.map((p) => `- ${md(p.file)}${p.rule ? ` (${md(p.rule)})` : ''}: ${md(p.reason)}`), '');
  }
  return `${out.join('\n')}\n`;
}
