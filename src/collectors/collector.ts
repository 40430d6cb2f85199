import type { AwsContext, ServiceName } from '../aws/context.js';
import type { AccountInfo, Inventory } from '../inventory/schema.js';
import { collected, type Fact } from '../core/fact.js';
import { toNotCollected } from '../aws/errors.js';
import type { DataKey } from './keys.js';

interface CollectorBase {
  /** `<section>.<field>` of the inventory the result is stored under (by region for regional ones). */
  readonly key: DataKey;
  readonly service: ServiceName;
  /** SDK operations the collector calls (`service:Operation` when not its own service); their IAM permissions go into the generated scan policy. */
  readonly operations: readonly string[];
  /** Data that must be collected first (and is collected too); `collect` reads it from the inventory. */
  readonly after?: readonly DataKey[];
}

/** Read once per account, in the partition's home region (IAM, the S3 bucket list, Organizations). */
export interface GlobalCollector<T> extends CollectorBase {
  readonly scope: 'global';
  collect(aws: AwsContext, region: string, account: AccountInfo, inventory: Inventory): Promise<T>;
}

/** Read in every scanned region. */
export interface RegionalCollector<T> extends CollectorBase {
  readonly scope: 'regional';
  collect(aws: AwsContext, region: string, account: AccountInfo, inventory: Inventory): Promise<T>;
}

/** A read kept as a fact: success is collected, a failure becomes its not-collected reason. */
export async function readFact<T>(operation: string, call: () => Promise<T>): Promise<Fact<T>> {
  try {
    return collected(await call());
  } catch (error) {
    return toNotCollected(error, operation);
  }
}

/** Errors that mean "there is none" (NoSuchEntity, not subscribed, …) give `fallback`; others pass through. */
export async function orWhenAbsent<T, F>(call: () => Promise<T>, absent: readonly string[], fallback: F): Promise<T | F> {
  try {
    return await call();
  } catch (error) {
    if (absent.includes((error as Error).name)) return fallback;
    throw error;
  }
}

/** The value of data a collector depends on; when it was not collected, the same reason is raised again. */
export function dependency<T>(fact: Fact<T> | undefined, operation: string): T {
  if (fact?.status === 'collected') return fact.value;
  throw Object.assign(new Error(`needed data could not be read: ${fact?.message ?? 'not collected'}`), {
    name: fact?.errorCode ?? 'NotCollected',
    bulwarkOperation: fact?.operation ?? operation,
    bulwarkPermission: fact?.permission,
  });
}

/**
 * One read per item, at most `inFlight` at a time (the scan's concurrency suits): a queued read
 * is an index, not an SDK command with its middleware stack, so ten thousand resources do not
 * hold ten thousand requests in memory while they wait. After a failure no new read starts and
 * every running one settles before the first failure is raised, so none is left running (and
 * retrying) after the collector has given up, and no rejection is ever left unhandled.
 */
export async function readEach<T, R>(items: readonly T[], read: (item: T) => Promise<R>, inFlight: number): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const failures: { index: number; reason: unknown }[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < items.length) {
      const index = next++;
      try {
        results[index] = await read(items[index]!);
      } catch (reason) {
        failures.push({ index, reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, inFlight)) }, worker));
  if (failures.length) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).reason;
  return results;
}

export type Collector = GlobalCollector<unknown> | RegionalCollector<unknown>;

export function globalCollector<T>(definition: Omit<GlobalCollector<T>, 'scope'>): Collector {
  return { ...definition, scope: 'global' };
}

export function regionalCollector<T>(definition: Omit<RegionalCollector<T>, 'scope'>): Collector {
  return { ...definition, scope: 'regional' };
}
