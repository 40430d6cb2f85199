import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';

const COLUMNS = ['finding_id', 'status', 'verdict', 'severity', 'check_id', 'title', 'service', 'checklist', 'account', 'region', 'resource_type', 'resource_id', 'resource_name', 'message', 'remediation', 'remediation_url', 'suppression_reason', 'missing_permission'] as const;

/** One row per finding (RFC 4180), for spreadsheets. */
export function renderCsv(report: ScanReport): string {
  return [...csvLines(report.findings)].join('');
}

/** The header, then one line per finding as it comes: an organisation's findings never held at once. */
export function* csvLines(findings: Iterable<Finding>): Generator<string> {
  yield `${COLUMNS.map(cell).join(',')}\r\n`;
  for (const f of findings) {
    const row = [
      f.id,
      f.status,
      f.suppression?.status ?? f.status,
      f.severity,
      f.checkId,
      f.title,
      f.service,
      f.checklist.join(' '),
      f.resource.account,
      f.resource.region,
      f.resource.type,
      f.resource.id,
      f.resource.name ?? '',
      f.message,
      f.remediation.text,
      f.remediation.url,
      f.suppression?.reason ?? '',
      f.notCollected?.permission ?? '',
    ];
    yield `${row.map(cell).join(',')}\r\n`;
  }
}

/**
 * Quotes as RFC 4180 asks, and defuses spreadsheet formulas: a cell starting with = + - @ or a
 * tab or carriage return gets a leading apostrophe, so a resource name cannot run a formula.
 */
export function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
