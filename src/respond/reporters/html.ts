/**
 * A self-contained HTML incident summary: the headline, a timeline of the suspect's calls, of what
 * was made and of what was contained, then the recover checklist. Inline CSS allowed by hash, no
 * script, and a Content-Security-Policy that forbids every request, like detect's timeline.
 */
import { plural } from '../../lib/text.js';
import { escapeHtml as esc, htmlPage } from '../../reporters/html-page.js';
import { alertView, timeline, type RespondReport } from '../report.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2433;background:#f6f7f9}
header{background:#1d2433;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c8cdd8}
.verdict{font-weight:700}.suspicious{color:#ffb3b8}.clean{color:#a6e3b0}
main{padding:16px 24px;max-width:1200px}table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:16px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ec;vertical-align:top}th{background:#eef0f4}
.kind{display:inline-block;padding:1px 6px;border-radius:3px;font-size:12px;font-weight:600}
tr.event .kind{background:#eef0f4}tr.created .kind{background:#d1242f;color:#fff}tr.contained .kind{background:#1a7f37;color:#fff}
.state{font-weight:700}.PASS,.DONE{color:#1a7f37}.FAIL{color:#d1242f}.UNKNOWN,.TODO{color:#9a6700}.muted{color:#5b6475}`;

export function renderRespondHtml(report: RespondReport, events: readonly Record<string, unknown>[]): string {
  const { scope } = report;
  const rows = timeline(report, events)
    .map((r) => `<tr class="${r.kind}"><td>${esc(r.time)}</td><td><span class="kind">${r.kind}</span></td><td>${esc(r.what)}</td><td>${esc(r.where)}</td><td>${esc(r.who)}</td><td class="muted">${esc(r.note)}</td></tr>`)
    .join('\n');
  const alerts = scope.activity.alerts.map(alertView);
  const verdict = report.suspicious
    ? `<span class="verdict suspicious">Suspicious: ${plural(scope.items.length, 'thing')} made since the start, ${plural(alerts.length, 'alert')}</span>`
    : `<span class="verdict clean">Nothing suspicious found</span>`;
  const body = `<header><h1>Bulwark respond: account ${esc(scope.account.id)}${scope.source === 'demo' ? ' (demo)' : ''}</h1>
<p>${verdict} · since ${esc(scope.since)} · read ${esc(scope.readAt)} · ${plural(scope.activity.events, 'event')} of the suspect · generated ${esc(report.generatedAt)}</p></header>
<main>
${alerts.length ? `<h2>Alerts on the suspect's events</h2><table id="alerts"><thead><tr><th>First seen</th><th>Level</th><th>Alert</th><th>Actor</th></tr></thead><tbody>${alerts.map((a) => `<tr><td>${esc(a.firstTime)}</td><td>${esc(a.level)}</td><td>${esc(a.title)}${a.count > 1 ? ` ×${a.count}` : ''}</td><td>${esc(a.principal)}</td></tr>`).join('')}</tbody></table>` : ''}
<h2>Timeline</h2>
<table id="timeline"><thead><tr><th>Time (UTC)</th><th>Kind</th><th>What</th><th>Where</th><th>Who</th><th>Note</th></tr></thead><tbody>
${rows}
</tbody></table>
${scope.unreadable.length ? `<h2>Could not read (UNKNOWN)</h2><ul id="unreadable">${scope.unreadable.map((u) => `<li>${esc(u.kind)} in ${esc(u.region)}: ${esc(u.reason)}${u.permission ? ` (grant ${esc(u.permission)})` : ''}</li>`).join('')}</ul>` : ''}
${report.plan && !report.outcome ? `<h2>Containment plan (not applied)</h2><ol id="plan">${report.plan.steps.map((s) => `<li>${esc(s.title)} <span class="muted">[${s.risk}${s.undo?.length ? '' : ', irreversible'}]</span></li>`).join('')}</ol>` : ''}
<h2>Recover</h2>
<table id="recover"><thead><tr><th>State</th><th>Item</th><th>Detail</th></tr></thead><tbody>${report.recover.map((r) => `<tr><td class="state ${r.state}">${r.state}</td><td>${esc(r.title)}</td><td>${esc(r.detail)}</td></tr>`).join('')}</tbody></table>
</main>`;
  return htmlPage({ title: `Bulwark respond: account ${scope.account.id}`, style: STYLE, body });
}
