/**
 * A self-contained HTML timeline: one row per alert in time order with its level, actor and place,
 * each opening onto its events (secrets redacted). Inline CSS allowed by hash, no script, and a
 * Content-Security-Policy that forbids every request: it works offline and from an artefact store.
 */
import { htmlPage } from '../../reporters/html-page.js';
import type { DetectReport } from '../report.js';
import { html as esc, mib, plural } from './text.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c8cdd8}
main{padding:16px 24px;max-width:1200px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ec;vertical-align:top}th{background:#eef0f4}
.level{display:inline-block;padding:1px 6px;border-radius:3px;font-weight:600;font-size:12px;text-transform:uppercase}
.critical{background:#7a0b12;color:#fff}.high{background:#d1242f;color:#fff}.medium{background:#e3a008;color:#1d2433}.low{background:#cfd6e1}.info{background:#eef0f4}
details pre{white-space:pre-wrap;word-break:break-all;background:#f0f2f5;padding:8px;max-height:360px;overflow:auto;font-size:12px}
.muted{color:#5b6475}ul{padding-left:20px}`;

export function renderDetectHtml(report: DetectReport): string {
  const s = report.summary;
  const timeline = [...report.alerts].sort((a, b) => a.firstTime.localeCompare(b.firstTime));
  const rows = timeline
    .map(
      (a) => `<tr class="alert" data-level="${a.level}">
<td>${esc(a.firstTime)}${a.lastTime !== a.firstTime ? `<br><span class="muted">to ${esc(a.lastTime)}</span>` : ''}</td>
<td><span class="level ${a.level}">${a.level}</span></td>
<td><strong>${esc(a.title)}</strong>${a.count > 1 ? ` ×${a.count}` : ''}<br><span class="muted">${esc(a.ruleId)} · ${esc([...a.tags.filter((t) => t.startsWith('attack.t')), ...a.checklist].join(' '))}</span>
<details><summary>${plural(a.events.length, 'event')} shown of ${a.count}</summary><pre>${JSON.stringify(a.events, null, 2).split('\n').map(esc).join('\n')}</pre>${a.eventIds.length ? `<p class="muted">eventIDs: ${esc(a.eventIds.join(', '))}</p>` : ''}</details></td>
<td>${esc(a.actor.principal)}${a.actor.accessKeyId ? `<br><span class="muted">${esc(a.actor.accessKeyId)}</span>` : ''}</td>
<td>${esc(a.actor.sourceIp ?? '')}<br><span class="muted">${esc((a.actor.userAgent ?? '').slice(0, 80))}</span></td>
<td>${esc(a.account)}<br>${esc(a.region)}</td>
</tr>`,
    )
    .join('\n');
  const problems = [...report.inputProblems.map((p) => `${p.name}: ${p.reason}`), ...report.rules.problems.map((p) => `rule ${p.file}${p.rule ? ` (${p.rule})` : ''}: ${p.reason}`)];
  const body = `<header><h1>Bulwark detect: ${plural(report.alerts.length, 'alert')}</h1>
<p>${plural(s.events, 'event')} in ${plural(s.filesRead, 'file')} (${mib(s.compressedBytes)}), ${s.filesSkipped} not read · ${report.rules.loaded} rules · generated ${esc(report.generatedAt)}</p></header>
<main>
<h2>Timeline</h2>
${report.alerts.length ? `<table id="timeline"><thead><tr><th>Time (UTC)</th><th>Level</th><th>Alert</th><th>Actor</th><th>Source</th><th>Where</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p id="no-alerts">No alerts.</p>'}
${problems.length ? `<h2>Not read or not loaded</h2><ul id="problems">${problems.slice(0, 200).map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
</main>`;
  return htmlPage({ title: `Bulwark detect: ${report.alerts.length} alerts`, style: STYLE, body });
}
