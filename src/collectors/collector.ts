import type { AwsContext, ServiceName } from '../aws/context.js';
import type { Fact } from '../core/fact.js';
import type { Inventory } from '../inventory/schema.js';
import type { DataKey } from './keys.js';

/** The inventory while it is being filled in. */
export type InventoryDraft = { -readonly [K in keyof Inventory]: Inventory[K] };

interface CollectorBase {
  readonly key: DataKey;
  readonly service: ServiceName;
  /** SDK operations the collector calls; their IAM permissions go into the generated scan policy. */
  readonly operations: readonly string[];
}

/** Read once per account, in the partition's home region (IAM, the S3 bucket list, Organizations). */
export interface GlobalCollector<T> extends CollectorBase {
  readonly scope: 'global';
  collect(aws: AwsContext, region: string): Promise<T>;
  store(inventory: InventoryDraft, fact: Fact<T>): void;
}

/** Read in every scanned region. */
export interface RegionalCollector<T> extends CollectorBase {
  readonly scope: 'regional';
  collect(aws: AwsContext, region: string): Promise<T>;
  store(inventory: InventoryDraft, region: string, fact: Fact<T>): void;
}

export type Collector = GlobalCollector<unknown> | RegionalCollector<unknown>;

export function globalCollector<T>(definition: Omit<GlobalCollector<T>, 'scope'>): Collector {
  return { ...definition, scope: 'global' };
}

export function regionalCollector<T>(definition: Omit<RegionalCollector<T>, 'scope'>): Collector {
  return { ...definition, scope: 'regional' };
}
