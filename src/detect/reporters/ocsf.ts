/** OCSF Detection Finding (class 2004), one per alert, with the matching events as evidences. */
import { isIP } from 'node:net';
import { detectionFindingHeader, ocsfMetadata } from '../../reporters/ocsf.js';
import type { Alert } from '../alert.js';
import type { DetectReport } from '../report.js';

export function renderDetectOcsf(report: DetectReport): string {
  return `${JSON.stringify(report.alerts.map((a) => toOcsf(a, report)), null, 2)}\n`;
}

function toOcsf(a: Alert, report: DetectReport) {
  const first = Date.parse(a.firstTime);
  const last = Date.parse(a.lastTime);
  const uid = `${a.ruleId}:${a.eventIds[0] ?? a.firstTime}`;
  return {
    ...detectionFindingHeader(a.level),
    status_id: 1,
    status: 'New',
    message: `${a.title}: ${a.actor.principal}${a.count > 1 ? ` (${a.count} events)` : ''}`,
    time: first,
    time_dt: a.firstTime,
    metadata: ocsfMetadata(report.tool.version, a.ruleId, uid),
    finding_info: {
      uid,
      title: a.title,
      desc: a.description ?? a.title,
      types: a.tags,
      created_time: Date.parse(report.generatedAt),
      first_seen_time: first,
      last_seen_time: last,
      analytic: { uid: a.ruleId, name: a.title, type_id: 1, type: 'Rule' },
      attacks: a.tags.filter((t) => /^attack\.t\d/.test(t)).map((t) => ({ technique: { uid: t.slice(7).toUpperCase() }, version: '16' })),
    },
    cloud: { provider: 'AWS', account: { uid: a.account, type: 'AWS Account', type_id: 10 }, region: a.region },
    actor: { user: { uid: a.actor.principal, type: a.actor.type ?? 'Unknown', ...(a.actor.accessKeyId ? { credential_uid: a.actor.accessKeyId } : {}) } },
    ...(a.actor.sourceIp && isIP(a.actor.sourceIp) ? { src_endpoint: { ip: a.actor.sourceIp } } : {}),
    evidences: a.events.map((e) => ({
      actor: { user: { uid: a.actor.principal } },
      api: { operation: String(e.eventName), service: { name: String(e.eventSource) }, request: { uid: typeof e.requestID === 'string' ? e.requestID : typeof e.eventID === 'string' ? e.eventID : '' } },
      ...(typeof e.sourceIPAddress === 'string' && isIP(e.sourceIPAddress) ? { src_endpoint: { ip: e.sourceIPAddress } } : {}),
      data: e,
    })),
    count: a.count,
    unmapped: { event_ids: a.eventIds, event_ids_omitted: a.eventIdsOmitted, checklist: a.checklist, rule_file: a.ruleFile, ...(a.group ? { group: a.group } : {}) },
  };
}
