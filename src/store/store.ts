/**
 * History of scans behind one interface: a local folder of findings documents (the default) or
 * PostgreSQL (`--store postgres://…`). A scan is saved account by account as each one finishes,
 * so a stopped run keeps what it had and memory never holds a whole organisation.
 */
import type { Finding } from '../core/finding.js';
import type { AccountSummary, ScanReport } from '../core/report.js';

export interface ScanRecord {
  readonly id: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  /** running: begun, not finished (or stopped); complete: every account is in. */
  readonly status: 'running' | 'complete';
  readonly source: ScanReport['source'];
  /** The accounts the scan meant to cover: what a resumed run still has to do. */
  readonly plan: ScanPlan;
}

export interface ScanPlan {
  /** `regionGroups`: a large account queued as an account-wide job and this many region-group jobs. */
  readonly accounts: readonly { readonly id: string; readonly name: string; readonly roleArn?: string; readonly regionGroups?: number }[];
  /** The settings every account is scanned with (checks, regions, config); opaque to the store. */
  readonly settings: unknown;
}

export interface ScanListing extends ScanRecord {
  /** Order of creation in this store: ids sort by second only, so two scans begun in one second need it. */
  readonly sequence: number;
  readonly accounts: number;
  readonly counts: ScanReport['summary'] | undefined;
}

export interface StoredScan {
  readonly record: ScanRecord;
  /** The findings document without its findings, once the scan is complete. */
  readonly header?: ScanReport;
  readonly accounts: readonly AccountSummary[];
}

export interface HistoryStore {
  /** Where it is, for messages: a folder, or the database URL without its password. */
  readonly location: string;
  /** Applies the migrations not yet applied; returns their versions. Run on first use too. */
  migrate(): Promise<number[]>;
  beginScan(record: ScanRecord): Promise<void>;
  /** One account of a scan; saving it again (a resumed run) replaces it. */
  saveAccount(scanId: string, summary: AccountSummary, findings: readonly Finding[]): Promise<void>;
  finishScan(scanId: string, header: ScanReport): Promise<void>;
  /** Newest first: in the order the scans were begun (by `sequence`), not by id or clock. */
  listScans(limit: number): Promise<ScanListing[]>;
  getScan(id: string): Promise<StoredScan | undefined>;
  findings(scanId: string, accountId?: string): AsyncIterable<Finding>;
  close(): Promise<void>;
}

/** Scan ids name the second they began: 20261102T101500Z-3f9a (the order is the store's sequence). */
export function newScanId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

export const SCAN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{4}$/;
