import type { Status } from '../core/check.js';
import type { ScanReport } from '../core/report.js';
import { SEVERITIES } from '../core/severity.js';
import { renderAccountsHtml } from './accounts.js';
import { HTML_SCRIPT, HTML_STYLE, SEVERITY_COLOR, STATUS_COLOR } from './html-assets.js';
import { escapeHtml as esc, htmlPage } from './html-page.js';
import { countsText, statusWords } from '../lib/text.js';
import { digestNote, type FindingsDigest } from './digest.js';

/**
 * One self-contained page: inline CSS and JS (allowed by hash in a Content-Security-Policy that
 * forbids every request), the findings embedded as JSON that the script renders and filters.
 * Works offline, from a file or an artefact store. With a digest (an organisation) the page embeds
 * only the worst findings (`report.findings` = `digest.shown`) and says so; the counts are every one.
 */
export function renderHtml(report: ScanReport, digest?: FindingsDigest): string {
  const note = digest && digestNote(digest);
  const title = `Bulwark report: ${report.source === 'demo' ? 'DEMO ' : ''}account ${report.account.id}`;
  const body = `<header>
  <h1>Bulwark ${report.source === 'demo' ? '<span class="demo">DEMO</span> ' : ''}account ${esc(report.account.id)}</h1>
  <p class="meta">${esc(headerLine(report))}</p>
  <nav><a href="#compliance">${report.compliance ? esc(report.compliance.title) : 'Checklist'}</a> · <a href="#findings">Findings (${digest?.total ?? report.findings.length})</a>${report.suppressions ? ' · <a href="#suppressions">Suppressions</a>' : ''}${report.missingPermissions.length ? ' · <a href="#permissions">Missing permissions</a>' : ''}</nav>
</header>
<main>
<section class="cards" aria-label="Summary">${summaryCards(report)}</section>
<section class="charts">
  <figure><figcaption>Failures by severity</figcaption>${severityChart(report, digest)}</figure>
  <figure><figcaption>Findings by verdict</figcaption>${statusChart(report)}</figure>
</section>
${report.compliance ? complianceTable(report.compliance) : checklistTable(report)}
${renderAccountsHtml(report, esc)}
${suppressionsSection(report)}
${permissionsSection(report)}
<section id="findings">
  <h2>Findings</h2>
${note ? `  <p class="meta"><strong>${esc(note)}</strong></p>\n` : ''}  <form id="filters" role="search">
    <label>Verdict <select id="f-status" data-field="status"><option value="">all</option></select></label>
    <label>Severity <select id="f-severity" data-field="severity"><option value="">all</option></select></label>
    <label>Service <select id="f-service" data-field="service"><option value="">all</option></select></label>
${report.organization ? '    <label>Account <select id="f-account" data-field="account"><option value="">all</option></select></label>\n' : ''}    <label>Region <select id="f-region" data-field="region"><option value="">all</option></select></label>
    <label>Checklist <select id="f-checklist" data-field="checklist"><option value="">all</option></select></label>
    <label class="grow">Search <input id="f-text" type="search" placeholder="resource, message, check…"></label>
  </form>
  <p id="count" aria-live="polite"></p>
  <table id="findings-table">
    <thead><tr><th>Verdict</th><th>Severity</th><th>Check</th><th>Resource</th><th>Region</th><th>Message</th></tr></thead>
    <tbody></tbody>
  </table>
  <noscript><p>The findings table needs JavaScript; the same findings are in the JSON report (<code>--format json</code>).</p></noscript>
</section>
</main>
<footer>Bulwark ${esc(report.tool.version)} · report schema ${report.schemaVersion} · evaluated ${esc(report.evaluatedAt)}</footer>
<script type="application/json" id="report-data">${jsonForScript(pageData(report))}</script>`;
  return htmlPage({ title, style: HTML_STYLE, script: HTML_SCRIPT, body });
}

/** Only what the page shows: the findings, without the config and stats of the JSON report. */
function pageData(report: ScanReport) {
  return {
    findings: report.findings.map((f) => ({
      id: f.id,
      status: f.status,
      severity: f.severity,
      checkId: f.checkId,
      title: f.title,
      service: f.service,
      checklist: f.checklist,
      region: f.resource.region,
      account: f.resource.account,
      resource: f.resource.name ?? f.resource.id,
      resourceId: f.resource.id,
      message: f.message,
      remediation: f.remediation,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      ...(f.notCollected?.permission ? { permission: f.notCollected.permission } : {}),
    })),
  };
}

function headerLine(report: ScanReport): string {
  const source = report.source === 'demo' ? 'bundled sample data, not a real account' : report.source === 'inventory' ? `saved inventory of ${report.collectedAt}` : `scanned ${report.collectedAt}`;
  const caller = report.account.callerArn && report.source !== 'demo' ? ` as ${report.account.callerArn}` : '';
  return `${source}${caller} · ${report.regions.scanned.length} regions · ${report.checks.length} checks`;
}

function summaryCards(report: ScanReport): string {
  const labels: Record<Status, string> = { FAIL: 'Failed', ERROR: 'Errors', UNKNOWN: 'Unknown', MANUAL: 'Manual', SUPPRESSED: 'Suppressed', PASS: 'Passed', NOT_APPLICABLE: 'Not applicable' };
  return (Object.keys(labels) as Status[])
    .map((s) => `<div class="card s-${s}"><span class="n">${report.summary[s]}</span><span>${labels[s]}</span></div>`)
    .join('');
}

function severityChart(report: ScanReport, digest: FindingsDigest | undefined): string {
  const failing = (severity: (typeof SEVERITIES)[number]) => (digest ? (digest.failing[severity] ?? 0) : report.findings.filter((f) => f.status === 'FAIL' && f.severity === severity).length);
  const counts = SEVERITIES.map((severity) => ({ label: severity, n: failing(severity), color: SEVERITY_COLOR[severity] }));
  return barChart(counts);
}

function statusChart(report: ScanReport): string {
  return barChart((Object.keys(STATUS_COLOR) as Status[]).map((s) => ({ label: statusWords(s), n: report.summary[s], color: STATUS_COLOR[s] })));
}

/** A horizontal bar chart as inline SVG: no script, no library, prints as it shows. */
function barChart(bars: readonly { label: string; n: number; color: string }[]): string {
  const max = Math.max(1, ...bars.map((b) => b.n));
  const row = 26;
  const rows = bars
    .map((b, i) => {
      const width = Math.round((b.n / max) * 220);
      const y = i * row;
      return `<text x="110" y="${y + 17}" text-anchor="end">${esc(b.label)}</text><rect x="118" y="${y + 4}" width="${width}" height="18" rx="3" fill="${b.color}"/><text x="${124 + width}" y="${y + 17}">${b.n}</text>`;
    })
    .join('');
  return `<svg role="img" viewBox="0 0 400 ${bars.length * row}" width="400" height="${bars.length * row}" aria-label="${esc(bars.map((b) => `${b.label} ${b.n}`).join(', '))}">${rows}</svg>`;
}

function checklistTable(report: ScanReport): string {
  const rows = report.checklist
    .map((item) => `<tr><td>${esc(item.id)}</td><td>${esc(item.title)}</td><td><span class="badge s-${item.status}">${esc(item.status.replace(/_/g, ' '))}</span></td><td>${esc(item.checks.join(', '))}</td></tr>`)
    .join('');
  return `<section id="compliance"><h2>Checklist</h2><table><thead><tr><th>Item</th><th>Advice</th><th>Verdict</th><th>Checks</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function complianceTable(view: NonNullable<ScanReport['compliance']>): string {
  const rows = view.requirements
    .map(
      (r) =>
        `<tr><td>${esc(r.id)}</td><td>${esc(r.title)}${r.note ? `<div class="note">${esc(r.note)}</div>` : ''}</td><td>${r.automated ? 'automated' : 'manual'}${r.profile ? ` ${esc(r.profile)}` : ''}</td><td><span class="badge s-${r.status}">${esc(r.status.replace(/_/g, ' '))}</span></td><td>${esc(r.checks.join(', '))}</td></tr>`,
    )
    .join('');
  return `<section id="compliance"><h2>${esc(view.title)} ${esc(view.version)}</h2><p class="meta">${view.requirements.length} requirements: ${esc(countsText(view.summary))}</p><table><thead><tr><th>Id</th><th>Requirement</th><th>Kind</th><th>Verdict</th><th>Checks</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function suppressionsSection(report: ScanReport): string {
  if (!report.suppressions) return '';
  const rows = report.suppressions.entries
    .map((e) => `<tr><td><code>${esc(e.rule)}</code></td><td><span class="badge u-${e.state}">${e.state}</span></td><td>${e.findings}</td><td>${esc(e.expires ?? '')}</td><td>${esc(e.reason)}</td></tr>`)
    .join('');
  return `<section id="suppressions"><h2>Suppressions</h2><table><thead><tr><th>Entry</th><th>State</th><th>Findings</th><th>Expires</th><th>Reason</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function permissionsSection(report: ScanReport): string {
  if (!report.missingPermissions.length) return '';
  const items = report.missingPermissions.map((m) => `<li><code>${esc(m.permission)}</code> (${esc(m.regions.join(', '))})</li>`).join('');
  return `<section id="permissions"><h2>Missing permissions</h2><p>Findings that needed these are UNKNOWN. Grant them, or attach the SecurityAudit managed policy.</p><ul>${items}</ul></section>`;
}

/** JSON inside a script element: `<` and the JS line separators escaped, so no data can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

