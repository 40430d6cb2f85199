/** The HTML report's stylesheet and script, inlined into every page (and allowed by their hashes). */
import type { Status } from '../core/check.js';
import type { Severity } from '../core/severity.js';

/** One colour per verdict: the badges, the summary cards and the chart bars. */
export const STATUS_COLOR: Record<Status, string> = {
  FAIL: '#c62828',
  ERROR: '#8e24aa',
  UNKNOWN: '#ef6c00',
  MANUAL: '#00838f',
  SUPPRESSED: '#5c6bc0',
  PASS: '#2e7d32',
  NOT_APPLICABLE: '#9e9e9e',
};

/** One colour per severity, darkest for the worst: the severity chart's bars. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '#7f0000',
  high: '#c62828',
  medium: '#ef6c00',
  low: '#f9a825',
  info: '#607d8b',
};

export const HTML_STYLE = `
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#fff; --head:#f6f8fa; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
body { margin: 0; background: var(--bg); }
header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--head); }
h1 { margin: 0 0 4px; font-size: 22px; } h2 { font-size: 18px; margin: 28px 0 10px; }
.meta, footer, .note { color: var(--muted); } .note { font-size: 12px; }
main { padding: 8px 32px 32px; } footer { padding: 16px 32px; border-top: 1px solid var(--line); font-size: 12px; }
.demo { background: #ffd33d; color: #000; padding: 1px 8px; border-radius: 4px; font-size: 14px; vertical-align: middle; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-left-width: 6px; border-radius: 6px; padding: 8px 14px; min-width: 96px; display: flex; flex-direction: column; }
.card .n { font-size: 24px; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 32px; margin-top: 16px; } figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font-size: 12px; fill: var(--fg); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--head); position: sticky; top: 0; } td:first-child { white-space: nowrap; }
nav { margin-top: 6px; } nav a { color: #0969da; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: #9e9e9e; white-space: nowrap; }
${Object.entries(STATUS_COLOR).map(([s, color]) => `.s-${s} { border-left-color: ${color}; } .badge.s-${s} { background: ${color}; }`).join('\n')}
.s-NOT_SELECTED, .s-NOT_YET_CHECKED { border-left-color: #9e9e9e; }
.badge.u-active { background: #5c6bc0; } .badge.u-expired { background: #ef6c00; } .badge.u-stale { background: #9e9e9e; }
.sev-critical, .sev-high { color: #c62828; font-weight: 600; } .sev-medium { color: #b35900; }
#filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin-bottom: 8px; }
#filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); } #filters .grow { flex: 1; min-width: 220px; }
select, input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; }
#findings-table td:nth-child(4) { overflow-wrap: anywhere; } details summary { cursor: pointer; }
.fix { margin: 6px 0 0; padding: 8px; background: var(--head); border-radius: 4px; } .fix code { display: block; white-space: pre-wrap; margin-top: 4px; }
.matrix { overflow: auto; max-height: 70vh; } .matrix td.cell { text-align: center; padding: 2px 4px; } .matrix th small { color: var(--muted); font-weight: normal; }
`;

/**
 * Builds the findings table from the embedded JSON and filters it. Every value goes in through
 * textContent, so account data (resource names, messages) can never become markup.
 */
export const HTML_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const findings = data.findings;
  const tbody = document.querySelector('#findings-table tbody');
  const count = document.getElementById('count');
  const text = document.getElementById('f-text');
  const selects = [...document.querySelectorAll('#filters select')];
  const el = (tag, className, content) => { const e = document.createElement(tag); if (className) e.className = className; if (content !== undefined) e.textContent = content; return e; };
  const valuesOf = (f, field) => field === 'checklist' ? f.checklist : [f[field]];
  for (const select of selects) {
    const values = [...new Set(findings.flatMap((f) => valuesOf(f, select.dataset.field)))].sort();
    for (const v of values) select.append(new Option(v.replace(/_/g, ' '), v));
  }
  const rows = findings.map((f) => {
    const tr = el('tr');
    tr.dataset.status = f.status;
    const badge = el('span', 'badge s-' + f.status, f.status.replace(/_/g, ' '));
    const verdict = el('td'); verdict.append(badge);
    const message = el('td');
    const details = el('details');
    details.append(el('summary', '', f.message));
    const fix = el('div', 'fix');
    fix.append(el('strong', '', 'Fix: '), document.createTextNode(f.remediation.text));
    if (f.remediation.cli) fix.append(el('code', '', f.remediation.cli));
    const link = el('a', '', f.remediation.url); link.href = f.remediation.url; link.rel = 'noreferrer'; fix.append(el('br'), link);
    if (f.suppression) fix.append(el('p', '', 'Suppressed (' + f.suppression.status + '): ' + f.suppression.reason + ' — ' + f.suppression.rule));
    if (f.permission) fix.append(el('p', '', 'Missing permission: ' + f.permission));
    details.append(fix);
    message.append(details);
    const check = el('td'); check.append(el('div', '', f.title), el('small', '', f.checkId + ' · ' + f.checklist.join(', ')));
    tr.append(verdict, el('td', 'sev-' + f.severity, f.severity), check, el('td', '', f.resource), el('td', '', f.region), message);
    const haystack = [f.status, f.severity, f.checkId, f.title, f.resource, f.resourceId, f.region, f.message, f.checklist.join(' ')].join(' ').toLowerCase();
    return { f, tr, haystack };
  });
  // Rows that do not match are detached rather than hidden: re-laying out thousands of hidden rows is what makes big reports slow.
  const apply = () => {
    const words = text.value.toLowerCase().split(/\\s+/).filter(Boolean);
    const visible = rows.filter(({ f, haystack }) => selects.every((s) => !s.value || valuesOf(f, s.dataset.field).includes(s.value)) && words.every((w) => haystack.includes(w)));
    const fragment = document.createDocumentFragment();
    for (const r of visible) fragment.append(r.tr);
    tbody.replaceChildren(fragment);
    count.textContent = 'Showing ' + visible.length + ' of ' + findings.length + ' findings';
  };
  let typing;
  for (const s of selects) s.addEventListener('change', apply);
  text.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(apply, 120); });
  document.getElementById('filters').addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(typing); apply(); });
  // Open on what needs attention: failures first, filterable from there.
  const status = document.getElementById('f-status');
  if (findings.some((f) => f.status === 'FAIL')) status.value = 'FAIL';
  apply();
})();
`;
