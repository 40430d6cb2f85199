/**
 * What every scope reader shares: the context it reads in, the shape of what it gives back, and
 * how a failed read becomes an `unreadable` entry (the kind stays UNKNOWN there, never "none").
 */
import type { AwsContext } from '../../aws/context.js';
import { toNotCollected } from '../../aws/errors.js';
import { describeNotCollected } from '../../core/fact.js';
import type { AccountInfo } from '../../inventory/schema.js';
import type { ScopeItem, ScopeKind, Unreadable } from '../scope.js';
import type { Provenance } from './provenance.js';

export interface ReadContext {
  readonly aws: AwsContext;
  readonly account: AccountInfo;
  /** The region read, or the partition's home region for global readers. */
  readonly region: string;
  readonly since: Date;
  /** CloudTrail's account of what was made since T; readers without creation dates wait for it. */
  readonly provenance: () => Promise<Provenance>;
}

export interface ReadResult {
  readonly items: ScopeItem[];
  readonly unreadable: Unreadable[];
}

export interface ScopeReader {
  /** The family, for progress lines: `ec2 in eu-west-1: 3 new`. */
  readonly name: string;
  readonly scope: 'global' | 'regional';
  /** `service:Operation` of every SDK call it may make; the read-only policy is generated from these. */
  readonly operations: readonly string[];
  read(context: ReadContext): Promise<ReadResult>;
}

/** A new, empty result that readers add to. */
export function emptyResult(): { items: ScopeItem[]; unreadable: Unreadable[] } {
  return { items: [], unreadable: [] };
}

/**
 * Runs one read of the kinds it serves; a failure records each of them as unreadable (with the
 * permission when AWS denied it) and the reader goes on with its other reads.
 */
export async function attempt<T>(result: ReadResult, kinds: readonly (ScopeKind | 'activity' | 'cost')[], region: string, operation: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    const reason = toNotCollected(error, operation);
    for (const kind of kinds) result.unreadable.push({ kind, region, ...(reason.permission ? { permission: reason.permission } : {}), reason: describeNotCollected(reason) });
    return undefined;
  }
}

/** A date from the SDK (a Date, or an ISO-like string as Lambda and EC2 images give) as ISO, or undefined. */
export function isoOf(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Made at or after T. */
export function isNew(iso: string | undefined, since: Date): iso is string {
  return iso !== undefined && Date.parse(iso) >= since.getTime();
}

/** An item with the defaults the schema gives (no notes, no detail). */
export function item(fields: Omit<ScopeItem, 'notes' | 'detail'> & Partial<Pick<ScopeItem, 'notes' | 'detail'>>): ScopeItem {
  return { notes: [], detail: {}, ...fields };
}
