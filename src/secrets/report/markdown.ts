import { escapeMarkdown, plural } from '../../lib/text.js';
import type { SecretsReport } from '../findings.js';
import { printable, refList, shortCommit } from './text.js';

export function renderSecretsMarkdown(report: SecretsReport): string {
  const open = report.findings.filter((f) => !f.ignored);
  const { ignored } = report.summary;
  const md = (text: string) => escapeMarkdown(printable(text));
  const lines = [
    '# Bulwark secrets report',
    '',
    `Scanned ${md(report.target.path)} (${report.target.kind}): ${plural(report.counts.blobs, 'blob')}, ${(report.counts.bytes / 1e6).toFixed(1)} MB; skipped ${report.counts.binary} binary, ${report.counts.huge} too large, ${report.counts.missing} missing, ${report.counts.unreadable} unreadable.`,
    '',
    `**${plural(open.length, 'secret')}** found; ignored: ${ignored.bulwarkignore} by .bulwarkignore, ${ignored.inline} by bulwark:allow, ${ignored.baseline} in the baseline.`,
    ...report.warnings.map((w) => `\n> warning: ${md(w)}`),
  ];
  if (open.length) {
    lines.push('', '| Severity | Type | Preview | Location | Added | In HEAD | Refs | Fingerprint |', '|---|---|---|---|---|---|---|---|');
    for (const f of open) {
      const added = f.commit ? `${shortCommit(f.commit.id)} ${md(f.commit.author)} ${f.commit.date.slice(0, 10)}` : '';
      lines.push(`| ${f.severity} | ${md(f.type)} | \`${f.preview.replace(/`/g, "'")}\` | ${md(f.location.path)}:${f.location.line} | ${added} | ${f.inHead === undefined ? '' : f.inHead ? 'yes' : 'no'} | ${f.refs ? escapeMarkdown(refList(f.refs)) : ''} | \`${f.fingerprint}\` |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
