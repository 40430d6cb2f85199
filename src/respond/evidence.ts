/**
 * The evidence folder (`--evidence-dir`): the suspect's CloudTrail events (secrets redacted, as in
 * every output), the scope as read, the report, the journal, and SHA256SUMS over all of them in
 * the format `sha256sum -c` checks. Written on this machine only: nothing goes to the account.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { fileProblem } from '../lib/fs-errors.js';

export interface EvidenceFile {
  /** A plain file name (no folder), as SHA256SUMS lists it. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

export const SUMS_FILE = 'SHA256SUMS';

/** Refuses a folder that already holds evidence: a second run must not overwrite the first one's. */
export async function prepareEvidenceDir(dir: string): Promise<void> {
  const existing = await stat(join(dir, SUMS_FILE)).then(
    () => true,
    () => false,
  );
  if (existing) throw new UserError(`--evidence-dir ${dir} already holds evidence (${SUMS_FILE}): choose a new folder, evidence is never overwritten`);
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new UserError(`--evidence-dir ${dir}: cannot create it (${fileProblem(error)})`);
  });
}

export async function writeEvidence(dir: string, files: readonly EvidenceFile[]): Promise<string> {
  const lines: string[] = [];
  for (const file of files) {
    if (!/^[A-Za-z0-9._-]+$/.test(file.name) || file.name === SUMS_FILE) throw new Error(`not an evidence file name: ${file.name}`);
    const path = join(dir, file.name);
    await writeFile(path, file.content).catch((error: unknown) => {
      throw new UserError(`cannot write the evidence file ${path}: ${fileProblem(error)}`);
    });
    // Hash what is on disk, not what was meant to be written.
    lines.push(`${sha256Bytes(await readFile(path))}  ${file.name}`);
  }
  const sums = join(dir, SUMS_FILE);
  await writeFile(sums, `${lines.join('\n')}\n`).catch((error: unknown) => {
    throw new UserError(`cannot write ${sums}: ${fileProblem(error)}`);
  });
  return sums;
}

function sha256Bytes(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
