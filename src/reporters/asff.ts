import type { AwsSecurityFinding, ComplianceStatus, SeverityLabel, WorkflowStatus } from '@aws-sdk/client-securityhub';
import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { checkInfo } from './check-info.js';

/** Security Hub takes at most 100 findings per BatchImportFindings call. */
export const ASFF_BATCH_SIZE = 100;

const LABEL: Record<Severity, SeverityLabel> = { info: 'INFORMATIONAL', low: 'LOW', medium: 'MEDIUM', high: 'HIGH', critical: 'CRITICAL' };
const COMPLIANCE: Record<Exclude<Status, 'SUPPRESSED' | 'NOT_APPLICABLE'>, ComplianceStatus> = { FAIL: 'FAILED', ERROR: 'NOT_AVAILABLE', UNKNOWN: 'NOT_AVAILABLE', MANUAL: 'WARNING', PASS: 'PASSED' };

/** Whether Security Hub should hold the finding: everything but N/A. */
export const inSecurityHub = (f: Finding): boolean => f.status !== 'NOT_APPLICABLE';

/** Findings Security Hub should hold. */
export function asffFindings(report: ScanReport, homeRegion: string): AwsSecurityFinding[] {
  return report.findings.filter(inSecurityHub).map((f) => toAsff(f, report, homeRegion));
}

/** ASFF as a JSON array, ready for `aws securityhub batch-import-findings` (in batches of 100) or `--security-hub`. */
export function renderAsff(report: ScanReport, homeRegion: string): string {
  return `${JSON.stringify(asffFindings(report, homeRegion), null, 2)}\n`;
}

/** Security Hub of the finding's region receives it; account-wide findings go to the home region. */
export function asffRegion(f: Finding, homeRegion: string): string {
  return f.resource.region === 'global' ? homeRegion : f.resource.region;
}

export function toAsff(f: Finding, report: ScanReport, homeRegion: string): AwsSecurityFinding {
  const { account } = report;
  const region = asffRegion(f, homeRegion);
  const { rationale, requirements } = checkInfo(f);
  const verdict = f.suppression?.status ?? f.status;
  const workflow: WorkflowStatus = f.status === 'SUPPRESSED' ? 'SUPPRESSED' : f.status === 'PASS' ? 'RESOLVED' : 'NEW';
  return {
    SchemaVersion: '2018-10-08',
    Id: `bulwark/${f.id}`,
    ProductArn: `arn:${account.partition}:securityhub:${region}:${account.id}:product/${account.id}/default`,
    GeneratorId: `bulwark/${f.checkId}`,
    AwsAccountId: f.resource.account,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: report.evaluatedAt,
    UpdatedAt: report.evaluatedAt,
    Severity: { Label: LABEL[f.severity], Original: f.severity },
    Title: truncate(f.title, 256),
    Description: truncate(f.message || rationale, 1024),
    Remediation: { Recommendation: { Text: truncate(f.remediation.text, 512), Url: f.remediation.url } },
    ProductFields: { 'bulwark/CheckId': f.checkId, 'bulwark/Status': f.status, 'bulwark/Checklist': f.checklist.join(','), ...(f.suppression ? { 'bulwark/SuppressionReason': truncate(f.suppression.reason, 1024) } : {}) },
    Resources: [
      {
        Type: f.resource.type,
        Id: f.resource.id,
        Partition: account.partition,
        Region: region,
        ...(f.resource.tags ? { Tags: f.resource.tags } : {}),
      },
    ],
    Compliance: {
      Status: verdict === 'SUPPRESSED' || verdict === 'NOT_APPLICABLE' ? 'NOT_AVAILABLE' : COMPLIANCE[verdict],
      ...(requirements.length ? { RelatedRequirements: requirements.slice(0, 32) } : {}),
    },
    Workflow: { Status: workflow },
    RecordState: 'ACTIVE',
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
