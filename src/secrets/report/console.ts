import type { Colors } from '../../cli/io.js';
import { plural } from '../../lib/text.js';
import type { SecretFinding, SecretsReport } from '../findings.js';
import { printable, refList, shortCommit } from './text.js';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** What was scanned, each open finding with where it came from and what to do, and what was skipped or ignored. */
export function renderSecretsConsole(report: SecretsReport, colors: Colors): string {
  const lines: string[] = [];
  const { counts, target } = report;
  const what = target.kind === 'git' ? `every blob reachable from ${target.revisions?.join(' and ') ?? 'the history'}${target.since ? ` since ${target.since}` : ''}` : target.kind === 'staged' ? 'the staged changes' : target.kind === 'stdin' ? 'standard input' : 'files';
  lines.push(`Scanned ${what} in ${printable(target.path)}: ${plural(counts.blobs, target.kind === 'git' || target.kind === 'staged' ? 'blob' : 'file')}, ${mb(counts.bytes)}`);
  for (const warning of report.warnings) lines.push(colors.yellow(`warning: ${printable(warning)}`));
  const open = report.findings.filter((f) => !f.ignored);
  for (const f of open) lines.push('', ...finding(f, colors));
  const skipped = [
    counts.binary && `${counts.binary} binary`,
    counts.huge && `${counts.huge} larger than ${mb(counts.maxBytes)}`,
    counts.missing && `${counts.missing} missing`,
    counts.unreadable && `${counts.unreadable} unreadable`,
  ].filter(Boolean);
  const { ignored } = report.summary;
  const ignoredText = [ignored.bulwarkignore && `${ignored.bulwarkignore} by .bulwarkignore`, ignored.inline && `${ignored.inline} by bulwark:allow`, ignored.baseline && `${ignored.baseline} in the baseline`].filter(Boolean);
  lines.push('');
  const summary = `Summary: ${open.length ? colors.red(plural(open.length, 'secret')) : colors.green('no secrets')} found` + (ignoredText.length ? `; ignored: ${ignoredText.join(', ')}` : '') + (skipped.length ? `; skipped: ${skipped.join(', ')}` : '');
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

function finding(f: SecretFinding, colors: Colors): string[] {
  const sev = f.severity === 'medium' ? colors.yellow(f.severity.toUpperCase()) : colors.red(f.severity.toUpperCase());
  const out = [`${sev} ${f.type} ${f.preview} at ${printable(f.location.path)}:${f.location.line}`];
  const facts: string[] = [];
  if (f.commit) facts.push(`added in ${shortCommit(f.commit.id)} by ${printable(f.commit.author)} on ${f.commit.date.slice(0, 10)}`);
  if (f.inHead !== undefined) facts.push(f.inHead ? 'still in HEAD' : 'not in HEAD (only in history: rewriting it does not un-leak it)');
  if (f.paths.length > 1) facts.push(`also at ${f.paths.filter((p) => p !== f.location.path).slice(0, 5).map(printable).join(', ')}${f.paths.length > 6 ? ` and ${f.paths.length - 6} more` : ''}`);
  if (f.occurrences > 1) facts.push(`${f.occurrences} occurrences`);
  if (facts.length) out.push(`  ${facts.join('; ')}`);
  if (f.unreachable) out.push('  only in objects no ref reaches (left in .git by a reset, a rebase or a dropped stash): not in the history a clone gets; git reflog expire --expire-unreachable=now --all && git gc --prune=now deletes them');
  else if (f.refs) out.push(`  ${f.refs.length ? `in the history of ${refList(f.refs)}` : 'in no ref\'s history'}`);
  if (f.notGenuine) out.push(`  not a genuine AWS key id: ${f.notGenuine}`);
  if (f.accountId) out.push(`  account ${f.accountId} (decoded from the key id)${f.paired === false ? '; no secret key next to it' : ''}`);
  if (f.verification?.status === 'canary') out.push(`  canary token, not verified (${printable(f.verification.detail ?? '')})`);
  else if (f.verification) out.push(`  verified: ${f.verification.status}${f.verification.arn ? ` as ${printable(f.verification.arn)}` : ''}${f.verification.detail ? ` (${printable(f.verification.detail)})` : ''}`);
  if (f.account) out.push(`  in the account: ${[f.account.user && `user ${printable(f.account.user)}`, f.account.status, f.account.lastUsed && `last used ${f.account.lastUsed}${f.account.lastService ? ` (${f.account.lastService})` : ''}`, f.account.detail].filter(Boolean).join(', ')}`);
  out.push(`  ${colors.dim(`fingerprint ${f.fingerprint}`)}`);
  if (f.next) out.push(`  next: ${printable(f.next)}`);
  return out;
}
