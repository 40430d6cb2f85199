/** One row per alert (RFC 4180, spreadsheet formulas defused as in the scan's CSV). */
import { cell } from '../../reporters/csv.js';
import type { DetectReport } from '../report.js';
import { plain } from './text.js';

const COLUMNS = ['level', 'title', 'rule_id', 'kind', 'first_time', 'last_time', 'account', 'region', 'principal', 'access_key_id', 'source_ip', 'user_agent', 'count', 'event_ids', 'attack', 'checklist', 'rule_file'] as const;

export function renderDetectCsv(report: DetectReport): string {
  const rows = report.alerts.map((a) => [a.level, a.title, a.ruleId, a.kind, a.firstTime, a.lastTime, a.account, a.region, a.actor.principal, a.actor.accessKeyId ?? '', a.actor.sourceIp ?? '', a.actor.userAgent ?? '', String(a.count), a.eventIds.join(' '), a.tags.filter((t) => t.startsWith('attack.t')).join(' '), a.checklist.join(' '), a.ruleFile]);
  return [COLUMNS, ...rows].map((row) => row.map((v) => cell(plain(v))).join(',')).join('\r\n') + '\r\n';
}
