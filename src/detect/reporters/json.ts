/** The whole detect report as JSON: every alert with its events (secrets redacted), every problem. */
import type { DetectReport } from '../report.js';

export function renderDetectJson(report: DetectReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
