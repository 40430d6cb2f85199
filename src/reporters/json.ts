import type { ScanReport } from '../core/report.js';

/** The stable findings document (`schemaVersion` inside): what `--format json` writes. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
