import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import type { Check } from '../core/check.js';
import { checksOf } from './check-info.js';
import { requirementNames } from '../compliance/frameworks/index.js';

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const KIND: Record<Status, Result.kind> = { FAIL: 'fail', SUPPRESSED: 'fail', ERROR: 'open', UNKNOWN: 'open', MANUAL: 'review', PASS: 'pass', NOT_APPLICABLE: 'notApplicable' };

/**
 * SARIF 2.1.0: one rule per check that ran, one result per finding that is not N/A. Fingerprints are the
 * finding ids, so a finding keeps its identity across scans. Suppressed findings carry an
 * accepted external suppression with the reason.
 */
export function renderSarif(report: ScanReport): string {
  return `${JSON.stringify(sarifLog(report, [...sarifResults(report)]), null, 2)}\n`;
}

/** The log around its results (`results` as given: streamed reports put a placeholder there). */
export function sarifLog(report: ScanReport, results: Result[]): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Bulwark', version: report.tool.version, rules: checksOf(report.checks).map(rule) } },
        automationDetails: { id: `bulwark/${report.account.id}/` },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.evaluatedAt }],
        results,
        properties: { account: report.account.id, source: report.source, collectedAt: report.collectedAt },
      },
    ],
  };
}

/** One result per finding that is not N/A, iterating `report.findings` once: it may be a lazy sequence. */
export function* sarifResults(report: ScanReport): Generator<Result> {
  const ruleIndex = new Map(checksOf(report.checks).map((check, i) => [check.id, i]));
  for (const f of report.findings) if (f.status !== 'NOT_APPLICABLE') yield result(f, ruleIndex.get(f.checkId)!, report);
}

function rule(check: Check): ReportingDescriptor {
  const { remediation } = check;
  return {
    id: check.id,
    name: check.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    helpUri: remediation.url,
    help: {
      text: `${remediation.text}${remediation.cli ? `\n${remediation.cli}` : ''}\n${remediation.url}`,
      markdown: `${remediation.text}${remediation.cli ? `\n\n\`\`\`sh\n${remediation.cli}\n\`\`\`` : ''}\n\n[Documentation](${remediation.url})`,
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: { tags: ['security', 'aws', check.service, ...check.checklist, ...requirementNames(check.id)], 'security-severity': SECURITY_SEVERITY[check.severity], severity: check.severity },
  };
}

function result(f: Finding, ruleIndex: number, report: ScanReport): Result {
  const failing = f.status === 'FAIL' || f.status === 'SUPPRESSED';
  return {
    ruleId: f.checkId,
    ruleIndex,
    kind: KIND[f.status],
    level: failing ? LEVEL[f.severity] : 'none',
    message: { text: `${f.status === 'SUPPRESSED' ? `${f.suppression?.status ?? 'FAIL'} (suppressed)` : f.status}: ${f.message}` },
    locations: [
      {
        // AWS resources have no file. Code scanning wants a repository-relative path with a line:
        // a stable pseudo-path per account, region and resource type; the resource is the logical location.
        physicalLocation: { artifactLocation: { uri: `aws/${f.resource.account}/${f.resource.region}/${f.resource.type}` }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: f.resource.id, ...(f.resource.name ? { name: f.resource.name } : {}), kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'bulwarkFindingId/v1': f.id },
    ...(f.suppression ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.suppression.reason} (${f.suppression.rule})` }] } : {}),
    properties: { status: f.status, severity: f.severity, region: f.resource.region, resourceType: f.resource.type, checklist: f.checklist, evaluatedAt: report.evaluatedAt },
  };
}
