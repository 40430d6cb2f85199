/**
 * The per-account parts of an organisation report (`scan --org`): a table of accounts for the
 * console and markdown, and an account × checklist matrix for HTML. Each format adds them when the
 * report has an `organization` section.
 */
import type { Status } from '../core/check.js';
import type { AccountSummary, ScanReport } from '../core/report.js';
import { SEVERITIES } from '../core/severity.js';
import type { Colors } from '../cli/io.js';
import { countsText, escapeMarkdown, neutralise, plural } from '../lib/text.js';

const MARK: Record<Status, string> = { FAIL: '✗', ERROR: '!', UNKNOWN: '?', MANUAL: '●', SUPPRESSED: '◌', PASS: '✓', NOT_APPLICABLE: '-' };

function failingText(a: AccountSummary): string {
  const parts = SEVERITIES.filter((s) => a.failing[s]).map((s) => `${a.failing[s]} ${s}`);
  return parts.length ? parts.join(', ') : '0';
}

/** Unreachable and failed accounts first, then the most failures. */
function ordered(accounts: readonly AccountSummary[]): AccountSummary[] {
  const rank = (a: AccountSummary) => (a.status === 'scanned' ? 1 : 0);
  return [...accounts].sort((a, b) => rank(a) - rank(b) || (b.counts.FAIL ?? 0) - (a.counts.FAIL ?? 0) || a.id.localeCompare(b.id));
}

export function renderAccountsConsole(report: ScanReport, c: Colors): string {
  const org = report.organization;
  if (!org) return '';
  const lines = [c.bold(`Accounts (${org.accounts.length} scanned${org.skipped.length ? `, ${org.skipped.length} left out` : ''})`)];
  const nameWidth = Math.min(32, Math.max(4, ...[...org.accounts, ...org.skipped].map((a) => neutralise(a.name).length)));
  lines.push(c.dim(`  ${'account'.padEnd(12)}  ${'name'.padEnd(nameWidth)}  ${'fail'.padStart(5)}  ${'unknown'.padStart(7)}  ${'pass'.padStart(5)}  failing by severity`));
  for (const a of ordered(org.accounts)) {
    const name = neutralise(a.name).slice(0, nameWidth).padEnd(nameWidth);
    if (a.status !== 'scanned') {
      lines.push(`  ${a.id}  ${name}  ${c.yellow(`${a.status.toUpperCase()}: ${neutralise(a.reason ?? '')}`)}`);
      continue;
    }
    const fail = String(a.counts.FAIL ?? 0).padStart(5);
    lines.push(`  ${a.id}  ${name}  ${a.counts.FAIL ? c.red(fail) : c.green(fail)}  ${String(a.counts.UNKNOWN ?? 0).padStart(7)}  ${String(a.counts.PASS ?? 0).padStart(5)}  ${failingText(a)}`);
  }
  for (const s of org.skipped) lines.push(c.dim(`  ${s.id}  ${neutralise(s.name).slice(0, nameWidth).padEnd(nameWidth)}  not scanned: ${neutralise(s.reason)}`));
  const total = report.summary;
  lines.push('', `${c.bold('Organisation:')} ${plural(org.accounts.length, 'account')} · ${countsText(total)}`, '');
  return `${lines.join('\n')}\n`;
}

export function renderAccountsMarkdown(report: ScanReport): string {
  const org = report.organization;
  if (!org) return '';
  const out = [`### Accounts (${org.accounts.length})`, '', '| Account | Name | Outcome | ❌ Fail | ❓ Unknown | ✅ Pass | Failing by severity |', '|---|---|---|---:|---:|---:|---|'];
  for (const a of ordered(org.accounts)) {
    const outcome = a.status === 'scanned' ? 'scanned' : `**${a.status}**: ${escapeMarkdown(neutralise(a.reason ?? ''))}`;
    out.push(`| ${a.id} | ${escapeMarkdown(neutralise(a.name))} | ${outcome} | ${a.counts.FAIL ?? 0} | ${a.counts.UNKNOWN ?? 0} | ${a.counts.PASS ?? 0} | ${failingText(a)} |`);
  }
  for (const s of org.skipped) out.push(`| ${s.id} | ${escapeMarkdown(neutralise(s.name))} | not scanned: ${escapeMarkdown(neutralise(s.reason))} | | | | |`);
  return `${out.join('\n')}\n\n`;
}

/** Account × checklist item: each cell the item's verdict in that account. */
export function renderAccountsHtml(report: ScanReport, esc: (text: string) => string): string {
  const org = report.organization;
  if (!org) return '';
  const items = report.checklist.filter((i) => i.status !== 'NOT_SELECTED' && i.status !== 'NOT_YET_CHECKED');
  const head = items.map((i) => `<th title="${esc(i.title)}">${esc(i.id)}</th>`).join('');
  const rows = ordered(org.accounts)
    .map((a) => {
      const cells = items
        .map((i) => {
          const status = a.checklist[i.id];
          return status ? `<td class="cell"><span class="badge s-${status}" title="${esc(`${i.id} ${i.title}: ${status}`)}">${MARK[status]}</span></td>` : '<td class="cell"></td>';
        })
        .join('');
      const outcome = a.status === 'scanned' ? esc(countsText(a.counts)) : `<strong>${esc(a.status)}</strong>: ${esc(neutralise(a.reason ?? ''))}`;
      return `<tr><th scope="row">${esc(a.id)}<br><small>${esc(neutralise(a.name))}</small></th><td>${outcome}</td>${cells}</tr>`;
    })
    .join('');
  const skipped = org.skipped.length ? `<p class="meta">Not scanned: ${org.skipped.map((s) => esc(neutralise(`${s.id} (${s.name}): ${s.reason}`))).join('; ')}</p>` : '';
  return `<section id="accounts"><h2>Accounts × checklist</h2><p class="meta">${org.accounts.length} accounts; each cell is the item's verdict in that account. Filter the findings by account below.</p>${skipped}<div class="matrix"><table><thead><tr><th>Account</th><th>Findings</th>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
