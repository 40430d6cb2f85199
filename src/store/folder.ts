/**
 * The embedded history store: one folder per scan under `--history-dir` (default
 * ~/.bulwark/history), holding `scan.json` (the record, then the header), one findings file per
 * account (`accounts/<id>.json`: summary and findings) and, once complete, `report.json`, the
 * findings document `scan --format json` writes. Plain files a user can read, copy or delete.
 * `sequence/` numbers the scans in the order they were begun (ids share a second): one file per
 * scan, named by its number and holding its id, claimed by exclusive creation, so two runs
 * starting at once never take the same number.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { writeChunks } from '../lib/write-chunks.js';
import { reportJsonChunks } from '../core/report-stream.js';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Finding } from '../core/finding.js';
import type { AccountSummary, ScanReport } from '../core/report.js';
import type { HistoryStore, ScanListing, ScanRecord, StoredScan } from './store.js';
import { SCAN_ID } from './store.js';

/** Versions of the folder layout; `history migrate` upgrades a folder written by an older Bulwark. */
const LAYOUT_MIGRATIONS: readonly { version: number; name: string; apply: (dir: string) => Promise<void> }[] = [
  { version: 1, name: 'scan folders with scan.json and accounts/', apply: async (dir) => void (await mkdir(dir, { recursive: true })) },
  {
    version: 2,
    name: 'sequence/: scans numbered in the order they were begun',
    // Scans written before are numbered in id order, the best that is known of them.
    apply: async (dir) => {
      for (const id of (await readdir(dir)).filter((n) => SCAN_ID.test(n)).sort()) await claimSequence(dir, id);
    },
  },
];

const SEQUENCE = 'sequence';
const SEQUENCE_NAME = /^\d{12}$/;

async function sequenceEntries(dir: string): Promise<string[]> {
  return (await readdir(join(dir, SEQUENCE)).catch(() => [] as string[])).filter((n) => SEQUENCE_NAME.test(n)).sort();
}

/** The next free number, taken by creating its file: a number someone else created first is skipped. */
async function claimSequence(dir: string, id: string): Promise<number> {
  await mkdir(join(dir, SEQUENCE), { recursive: true });
  let next = Number((await sequenceEntries(dir)).at(-1) ?? 0) + 1;
  for (;;) {
    try {
      await writeFile(join(dir, SEQUENCE, String(next).padStart(12, '0')), `${id}\n`, { flag: 'wx' });
      return next;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`cannot write the history file ${join(dir, SEQUENCE)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      next += 1;
    }
  }
}

interface ScanFile {
  readonly record: ScanRecord;
  readonly header?: ScanReport;
}

interface AccountFile {
  readonly summary: AccountSummary;
  readonly findings: readonly Finding[];
}

export class FolderStore implements HistoryStore {
  constructor(readonly location: string) {}

  async migrate(): Promise<number[]> {
    const versionFile = join(this.location, 'VERSION');
    const current = Number((await readFile(versionFile, 'utf8').catch(() => '0')).trim()) || 0;
    const latest = LAYOUT_MIGRATIONS.at(-1)!.version;
    if (current > latest) throw new UserError(`the history folder ${this.location} was written by a newer Bulwark (layout ${current}; this one knows ${latest}): upgrade Bulwark`);
    const applied: number[] = [];
    for (const migration of LAYOUT_MIGRATIONS.filter((m) => m.version > current)) {
      await migration.apply(this.location);
      await writeFile(versionFile, `${migration.version}\n`);
      applied.push(migration.version);
    }
    return applied;
  }

  async beginScan(record: ScanRecord): Promise<void> {
    await mkdir(join(this.dir(record.id), 'accounts'), { recursive: true });
    await this.writeJson(join(this.dir(record.id), 'scan.json'), { record } satisfies ScanFile);
    await claimSequence(this.location, record.id);
  }

  async saveAccount(scanId: string, summary: AccountSummary, findings: readonly Finding[]): Promise<void> {
    // A resumed run may save into a folder this machine never began.
    await mkdir(join(this.dir(scanId), 'accounts'), { recursive: true });
    await this.writeJson(join(this.dir(scanId), 'accounts', `${summary.id}.json`), { summary, findings } satisfies AccountFile);
  }

  async finishScan(scanId: string, header: ScanReport): Promise<void> {
    const file = await this.readScanFile(scanId);
    if (!file) throw new UserError(`no scan ${scanId} in ${this.location}`);
    const record: ScanRecord = { ...file.record, status: 'complete', finishedAt: header.evaluatedAt };
    await writeChunks(join(this.dir(scanId), 'report.json'), reportJsonChunks(header, this.findings(scanId)));
    await this.writeJson(join(this.dir(scanId), 'scan.json'), { record, header } satisfies ScanFile);
  }

  async listScans(limit: number): Promise<ScanListing[]> {
    const listings: ScanListing[] = [];
    for (const entry of (await sequenceEntries(this.location)).reverse()) {
      if (listings.length >= limit) break;
      const id = (await readFile(join(this.location, SEQUENCE, entry), 'utf8').catch(() => '')).trim();
      // A scan whose folder was deleted leaves its number behind: skipped.
      const file = SCAN_ID.test(id) ? await this.readScanFile(id) : undefined;
      if (!file) continue;
      const accounts = (await readdir(join(this.dir(id), 'accounts')).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).length;
      listings.push({ ...file.record, sequence: Number(entry), accounts, counts: file.header?.summary });
    }
    return listings;
  }

  async getScan(id: string): Promise<StoredScan | undefined> {
    const file = await this.readScanFile(id);
    if (!file) return undefined;
    const accounts: AccountSummary[] = [];
    for (const name of await this.accountFiles(id)) accounts.push((await this.readAccount(id, name)).summary);
    return { record: file.record, ...(file.header ? { header: file.header } : {}), accounts };
  }

  async *findings(scanId: string, accountId?: string): AsyncGenerator<Finding> {
    const names = accountId ? [`${accountId}.json`] : await this.accountFiles(scanId);
    for (const name of names) {
      const file = await this.readAccount(scanId, name).catch(() => undefined);
      if (file) yield* file.findings;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private dir(id: string): string {
    if (!SCAN_ID.test(id)) throw new UserError(`"${id}" is not a scan id such as 20261102T101500Z-3f9a: see bulwark history list`);
    return join(this.location, id);
  }

  private async accountFiles(id: string): Promise<string[]> {
    return (await readdir(join(this.dir(id), 'accounts')).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  }

  private async readAccount(id: string, name: string): Promise<AccountFile> {
    return JSON.parse(await readFile(join(this.dir(id), 'accounts', name), 'utf8')) as AccountFile;
  }

  private async readScanFile(id: string): Promise<ScanFile | undefined> {
    const text = await readFile(join(this.dir(id), 'scan.json'), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as ScanFile;
    } catch {
      throw new UserError(`${join(this.dir(id), 'scan.json')} is not JSON: the history folder was damaged; remove that scan's folder`);
    }
  }

  /** Written beside and renamed: a stopped run never leaves half a file. */
  private async writeJson(path: string, value: unknown): Promise<void> {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(value));
      await rename(temporary, path);
    } catch (error) {
      throw new UserError(`cannot write the history file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}
