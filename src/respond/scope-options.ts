/**
 * What `respond` is asked to scope, and what reading it gives back: the scope (saved, shown,
 * planned from) and the suspect's raw CloudTrail records (kept as evidence, never summarised away).
 */
import type { AccountInfo } from '../inventory/schema.js';
import type { CloudTrailRecord } from '../logs/records.js';
import type { Scope } from './scope.js';

/** Where the suspect's events come from: LookupEvents (default), trail log files, or a trail bucket. */
export type EventSource = { readonly kind: 'lookup' } | { readonly kind: 'trail-logs'; readonly paths: readonly string[] } | { readonly kind: 's3'; readonly urls: readonly string[] };

export interface ScopeOptions {
  readonly account: AccountInfo & { readonly callerArn?: string };
  readonly since: Date;
  /** Enabled regions to read (IAM, Organizations and Cost Explorer are read once, globally). */
  readonly regions: readonly string[];
  readonly accessKeys: readonly string[];
  readonly principals: readonly string[];
  readonly events: EventSource;
  /** One line per finished part (`ec2 in eu-west-1: 3 new`), for the progress display. */
  readonly onProgress?: (line: string) => void;
  /** The end of the read (LookupEvents' EndTime, Cost Explorer's last day, `readAt`); now when absent. */
  readonly now?: Date;
  /** Waits between LookupEvents requests in a region; injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ScopeResult {
  readonly scope: Scope;
  /** The suspect's events in time order, exactly as CloudTrail gave them. */
  readonly events: readonly CloudTrailRecord[];
}
