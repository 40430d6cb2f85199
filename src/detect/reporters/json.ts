/** The whole detect report as JSON: every alert with its events (secrets redacted), every problem. */
import type { DetectReport } from '../report.js';

export function renderDetectJson(report: DetectReport): string {
  return [...detectJsonChunks(report)].join('');
}

/**
 * The same text alert by alert, so that a file of tens of thousands of alerts is written without
 * first holding all of it as one string (and its bytes) in memory. `alerts` is the report's last key.
 */
export function* detectJsonChunks(report: DetectReport): Generator<string> {
  const { alerts, ...rest } = report;
  if (!alerts.length) {
    yield `${JSON.stringify(report, null, 2)}\n`;
    return;
  }
  const head = JSON.stringify({ ...rest, alerts: [] }, null, 2);
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  for (let i = 0; i < alerts.length; i++) yield `    ${JSON.stringify(alerts[i], null, 2).replaceAll('\n', '\n    ')}${i < alerts.length - 1 ? ',' : ''}\n`;
  yield '  ]\n}\n';
}
