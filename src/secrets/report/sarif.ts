/**
 * SARIF 2.1.0 for GitHub code scanning: a rule per secret rule that fired, a result per finding at
 * a repository-relative path and line, and the finding's fingerprint as the partial fingerprint, so
 * the alert keeps its identity across scans. Ignored findings carry an accepted suppression.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { SecretFinding, SecretsReport } from '../findings.js';
import { printable, refList, shortCommit } from './text.js';

const LEVEL: Record<SecretFinding['severity'], Result.level> = { critical: 'error', high: 'error', medium: 'warning' };
const SECURITY_SEVERITY: Record<SecretFinding['severity'], string> = { critical: '9.5', high: '8.0', medium: '5.5' };
const REASON: Record<NonNullable<SecretFinding['ignored']>, string> = { bulwarkignore: 'listed in .bulwarkignore', inline: 'marked bulwark:allow on its line', baseline: 'present in the baseline' };

export function renderSecretsSarif(report: SecretsReport): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const example = report.findings.find((f) => f.rule === id)!;
    return {
      id: `secrets/${id}`,
      name: id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
      shortDescription: { text: `No ${example.type.replace(/ \(.*\)$/, '')} in the repository` },
      fullDescription: { text: 'A credential committed to git stays in every clone of its history: revoke or rotate it, then remove it.' },
      help: { text: 'Revoke or rotate the credential first (deleting the file does not remove it from history), then remove it and keep secrets in a secret store.' },
      properties: { tags: ['security', 'secrets'], 'security-severity': SECURITY_SEVERITY[example.severity] },
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Bulwark', version: report.tool.version, rules } },
        automationDetails: { id: 'bulwark/secrets/' },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.scannedAt }],
        results: report.findings.map((f): Result => ({
          ruleId: `secrets/${f.rule}`,
          ruleIndex: ruleIds.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: message(f) },
          // An object no ref reaches has no file a code-scanning tool could open: a logical location names it instead.
          locations: [f.unreachable ? { logicalLocations: [{ name: f.location.path, kind: 'object' }] } : { physicalLocation: { artifactLocation: { uri: encodeURI(f.location.path.replace(/\\/g, '/')) }, region: { startLine: Math.max(1, f.location.line) } } }],
          partialFingerprints: { 'bulwarkSecret/v1': f.fingerprint },
          ...(f.ignored ? { suppressions: [{ kind: 'external', status: 'accepted', justification: REASON[f.ignored] }] } : {}),
          properties: { severity: f.severity, preview: f.preview, ...(f.commit ? { commit: f.commit.id } : {}), ...(f.inHead !== undefined ? { inHead: f.inHead } : {}), ...(f.refs ? { refs: f.refs } : {}), ...(f.accountId ? { accountId: f.accountId } : {}), ...(f.notGenuine ? { notGenuine: f.notGenuine } : {}), ...(f.unreachable ? { unreachable: true } : {}) },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function message(f: SecretFinding): string {
  const origin = f.commit ? ` Added in ${shortCommit(f.commit.id)} on ${f.commit.date.slice(0, 10)}${f.inHead === false ? '; no longer in HEAD but still in history' : ''}.` : '';
  const refs = f.refs?.length ? ` In the history of ${refList(f.refs)}.` : '';
  return `${f.type} ${f.preview}.${origin}${refs}${f.next ? ` Next: ${printable(f.next)}` : ' Revoke or rotate it, then remove it.'}`;
}
