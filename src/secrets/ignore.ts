/** What the user has accepted: fingerprints in `.bulwarkignore`, and a baseline report's findings. */
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { secretsReportSchema } from './findings.js';
import '../lib/zod-messages.js';

/** `.bulwarkignore`: one fingerprint per line; `#` starts a comment. A missing file ignores nothing. */
export async function loadIgnoreFile(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw new UserError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const fingerprints = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    if (!/^[a-z0-9-]+:[0-9a-f]{24}$/.test(line)) throw new UserError(`${path}:${i + 1}: "${line.slice(0, 60)}" is not a finding fingerprint (rule:24 hex digits, as --format json prints them)`);
    fingerprints.add(line);
  });
  return fingerprints;
}

/** The fingerprints of every finding in an earlier `bulwark secrets --format json` report. */
export async function loadBaseline(path: string): Promise<Set<string>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not JSON (${error.message})` : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new UserError(`cannot read the baseline ${path}: ${reason}`);
  }
  const parsed = secretsReportSchema.safeParse(json);
  if (!parsed.success) throw new UserError(`the baseline ${path} is not a bulwark secrets JSON report (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message}); write one with bulwark secrets --format json`);
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}
