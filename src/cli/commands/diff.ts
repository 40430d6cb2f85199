import type { Severity } from '../../core/severity.js';
import { diffExitCode, diffReports, loadReport, type ScanDiff } from '../../diff/diff.js';
import { escapeMarkdown, statusWords } from '../../lib/text.js';
import { colorsFor, type Colors, type Io } from '../io.js';

export interface DiffOptions {
  readonly failOnNew?: Severity;
  readonly format: 'console' | 'json' | 'markdown';
}

/** `bulwark diff OLD.json NEW.json`: what a change made new, what it fixed, what stayed. */
export async function diffCommand(oldPath: string, newPath: string, options: DiffOptions, io: Io): Promise<number> {
  const [before, after] = await Promise.all([loadReport(oldPath), loadReport(newPath)]);
  if (before.account.id !== after.account.id) io.stderr.write(`warning: the reports are of different accounts (${before.account.id}, ${after.account.id}): every finding differs\n`);
  const diff = diffReports(before, after);
  if (options.format === 'json') io.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
  else if (options.format === 'markdown') io.stdout.write(markdown(diff));
  else io.stdout.write(text(diff, colorsFor(io.stdout, io.env)));
  return diffExitCode(diff, options.failOnNew);
}

function text(diff: ScanDiff, c: Colors): string {
  const lines = [`${c.bold('Bulwark diff')} ${c.dim(`${diff.old.evaluatedAt} → ${diff.new.evaluatedAt}`)}`, ''];
  if (diff.newFindings.length) {
    lines.push(c.bold(c.red(`New failures (${diff.newFindings.length})`)));
    for (const f of diff.newFindings) lines.push(`  ${c.red('+')} ${f.severity.padEnd(8)} ${f.checkId}  ${f.message}${f.resource.region === 'global' ? '' : c.dim(` [${f.resource.region}]`)}`);
    lines.push('');
  }
  if (diff.resolved.length) {
    lines.push(c.bold(c.green(`Resolved (${diff.resolved.length})`)));
    for (const f of diff.resolved) lines.push(`  ${c.green('-')} ${f.severity.padEnd(8)} ${f.checkId}  ${f.message} ${c.dim(`(now ${statusWords(f.now ?? '')})`)}`);
    lines.push('');
  }
  if (diff.notCompared.length) lines.push(c.yellow(`${diff.notCompared.length} earlier failures are of checks or regions the new scan did not cover: not compared`), '');
  lines.push(`${c.bold('Summary:')} ${c.red(`${diff.summary.new} new`)} · ${c.green(`${diff.summary.resolved} resolved`)} · ${diff.summary.unchanged} unchanged failures`);
  return `${lines.join('\n')}\n`;
}

function markdown(diff: ScanDiff): string {
  const lines = ['## Bulwark diff', '', `**${diff.summary.new} new** · ${diff.summary.resolved} resolved · ${diff.summary.unchanged} unchanged failures`, ''];
  if (diff.newFindings.length) lines.push('### New failures', '', ...diff.newFindings.map((f) => `- ❌ **${f.severity}** \`${f.checkId}\` ${escapeMarkdown(f.message)}`), '');
  if (diff.resolved.length) lines.push('### Resolved', '', ...diff.resolved.map((f) => `- ✅ \`${f.checkId}\` ${escapeMarkdown(f.message)} (now ${f.now ?? ''})`), '');
  return `${lines.join('\n')}\n`;
}
