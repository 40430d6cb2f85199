import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { checkInfo } from './check-info.js';

const OCSF_VERSION = '1.5.0';

const SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { info: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** The fields every Bulwark OCSF object opens with: a Detection Finding (2004) being created, and its severity. */
export function detectionFindingHeader(severity: Severity) {
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    severity_id: SEVERITY_ID[severity],
    severity: SEVERITY_NAME[severity],
  };
}

/** OCSF metadata naming Bulwark as the product, for the finding `uid` of check or rule `eventCode`. */
export function ocsfMetadata(toolVersion: string, eventCode: string, uid: string) {
  return { version: OCSF_VERSION, product: { name: 'Bulwark', vendor_name: 'Bulwark', version: toolVersion }, event_code: eventCode, uid, profiles: ['cloud'] };
}
/** OCSF finding status: 1 New, 3 Suppressed, 4 Resolved. Anything that needs a look is New. */
const STATUS: Record<Status, [number, string]> = {
  FAIL: [1, 'New'],
  ERROR: [1, 'New'],
  UNKNOWN: [1, 'New'],
  MANUAL: [1, 'New'],
  SUPPRESSED: [3, 'Suppressed'],
  PASS: [4, 'Resolved'],
  NOT_APPLICABLE: [4, 'Resolved'],
};

/** OCSF Detection Finding (class 2004), one object per finding, as a JSON array. */
export function renderOcsf(report: ScanReport): string {
  return `${JSON.stringify(report.findings.map((f) => toOcsf(f, report)), null, 2)}\n`;
}

export function toOcsf(f: Finding, report: ScanReport) {
  const time = Date.parse(report.evaluatedAt);
  const { rationale, requirements } = checkInfo(f);
  const [statusId, statusName] = STATUS[f.status];
  return {
    ...detectionFindingHeader(f.severity),
    status_id: statusId,
    status: statusName,
    status_code: f.suppression?.status ?? f.status,
    status_detail: f.message,
    message: f.message,
    time,
    time_dt: report.evaluatedAt,
    metadata: ocsfMetadata(report.tool.version, f.checkId, f.id),
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: rationale,
      types: [f.service, ...f.checklist],
      created_time: time,
      analytic: { uid: f.checkId, name: f.checkId, type_id: 1, type: 'Rule' },
    },
    cloud: { provider: 'AWS', account: { uid: f.resource.account, type: 'AWS Account', type_id: 10 }, region: f.resource.region },
    resources: [
      {
        uid: f.resource.id,
        ...(f.resource.name ? { name: f.resource.name } : {}),
        type: f.resource.type,
        region: f.resource.region,
        cloud_partition: report.account.partition,
        ...(f.resource.tags ? { labels: Object.entries(f.resource.tags).map(([k, v]) => `${k}:${v}`) } : {}),
      },
    ],
    remediation: { desc: f.remediation.cli ? `${f.remediation.text} ${f.remediation.cli}` : f.remediation.text, references: [f.remediation.url] },
    unmapped: {
      checklist: f.checklist,
      compliance: requirements,
      ...(f.suppression ? { suppression: f.suppression } : {}),
      ...(f.notCollected ? { not_collected: f.notCollected } : {}),
    },
  };
}
