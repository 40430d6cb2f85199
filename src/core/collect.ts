import type { AwsContext, ServiceName } from '../aws/context.js';
import { toNotCollected } from '../aws/errors.js';
import { inLane } from '../aws/lanes.js';
import { COLLECTORS } from '../collectors/index.js';
import type { DataKey } from '../collectors/keys.js';
import { collected, type Fact, type NotCollected } from './fact.js';
import { INVENTORY_SCHEMA_VERSION, type AccountInfo, type Inventory } from '../inventory/schema.js';
import { VERSION } from '../version.js';

export interface CollectPlan {
  readonly account: AccountInfo;
  readonly homeRegion: string;
  readonly regions: { scanned: string[]; skipped: { region: string; reason: string }[] };
  readonly needs: ReadonlySet<DataKey>;
}

/** What the progress display shows. */
export interface CollectProgress {
  taskStarted(label: string): void;
  taskDone(label: string): void;
}

/**
 * Runs the collectors the selected checks need: global ones once, regional ones in every region,
 * all at once under the context's concurrency limit. A failed read becomes a NotCollected fact;
 * nothing already gathered is lost and nothing throws.
 */
export async function collectInventory(aws: AwsContext, plan: CollectPlan, progress?: CollectProgress): Promise<Inventory> {
  const inventory = emptyInventory(plan);
  // Each task by `key@region` (`key@global`), so a collector that reads another's data can wait for it.
  const tasks = new Map<string, Promise<void>>();
  const run = async <T>(label: string, operation: string, before: Promise<unknown>, read: () => Promise<T>, store: (fact: Fact<T>) => void) => {
    await before;
    progress?.taskStarted(label);
    try {
      // Each task queues its calls in a lane of its own: a long task cannot hold up a short one.
      store(collected(await inLane(label, read)));
    } catch (error) {
      store(toNotCollected(error, operation));
    } finally {
      progress?.taskDone(label);
    }
  };
  const needs = withDependencies(plan.needs);
  const ordered = [...needs].sort((a, b) => Number(Boolean(COLLECTORS[a].after)) - Number(Boolean(COLLECTORS[b].after)) || a.localeCompare(b));
  for (const key of ordered) {
    const collector = COLLECTORS[key];
    const operation = `${collector.service}:${collector.operations[0] ?? key}`;
    const waitFor = (where: string) => Promise.all((collector.after ?? []).map((dep) => tasks.get(`${dep}@${where}`) ?? tasks.get(`${dep}@global`) ?? Promise.resolve()));
    if (collector.scope === 'global') {
      const task = run(key, operation, waitFor('global'), () => collector.collect(aws, plan.homeRegion, plan.account, inventory), (fact) => (section(inventory, key)[field(key)] = fact));
      tasks.set(`${key}@global`, task);
    } else {
      for (const region of plan.regions.scanned) {
        const store = (fact: Fact<unknown>) => (((section(inventory, key)[field(key)] ??= {}) as Record<string, unknown>)[region] = fact);
        tasks.set(`${key}@${region}`, run(`${key} ${region}`, operation, waitFor(region), () => collector.collect(aws, region, plan.account, inventory), store));
      }
    }
  }
  await Promise.all(tasks.values());
  return inventory;
}

/** The data keys and the keys they depend on: dependencies are collected too, and first. */
function withDependencies(keys: ReadonlySet<DataKey>): Set<DataKey> {
  const needs = new Set(keys);
  for (const key of needs) for (const dependency of COLLECTORS[key].after ?? []) needs.add(dependency);
  return needs;
}

/** The AWS services the collectors of these data keys call (their own, and `service:Operation` ones). */
export function servicesFor(keys: ReadonlySet<DataKey>): Set<ServiceName> {
  const services = new Set<ServiceName>();
  for (const key of withDependencies(keys)) {
    const collector = COLLECTORS[key];
    services.add(collector.service);
    for (const operation of collector.operations) if (operation.includes(':')) services.add(operation.split(':')[0] as ServiceName);
  }
  return services;
}

function emptyInventory(plan: CollectPlan): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: VERSION },
    collectedAt: new Date().toISOString(),
    account: plan.account,
    regions: plan.regions,
    iam: {},
    s3: {},
    rds: {},
    secrets: {},
    cloudtrail: {},
    monitoring: {},
    guardduty: {},
    kms: {},
    guardRails: {},
    quotas: {},
    accountSettings: {},
    organizations: {},
    ec2: {},
  };
}

/**
 * An account that could not be read at all (its role could not be assumed): every fact the checks
 * need carries that one reason, so every verdict is UNKNOWN and none is a PASS or a FAIL.
 */
export function unreadableInventory(plan: CollectPlan, reason: NotCollected): Inventory {
  const inventory = emptyInventory(plan);
  for (const key of plan.needs) {
    if (COLLECTORS[key].scope === 'global') section(inventory, key)[field(key)] = reason;
    else section(inventory, key)[field(key)] = Object.fromEntries(plan.regions.scanned.map((region) => [region, reason]));
  }
  return inventory;
}

/** The inventory section a data key names (`iam` of `iam.credentialReport`), as a writable record. */
function section(inventory: Inventory, key: DataKey): Record<string, unknown> {
  return inventory[key.split('.')[0] as 'iam' | 's3' | 'ec2' | 'rds' | 'secrets' | 'cloudtrail' | 'monitoring' | 'guardduty' | 'kms' | 'guardRails' | 'quotas' | 'accountSettings' | 'organizations'];
}

function field(key: DataKey): string {
  return key.split('.')[1] ?? key;
}
