import type { AwsContext } from '../aws/context.js';
import { toNotCollected } from '../aws/errors.js';
import { COLLECTORS } from '../collectors/index.js';
import type { DataKey } from '../collectors/keys.js';
import { collected, type Fact } from './fact.js';
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
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: VERSION },
    collectedAt: new Date().toISOString(),
    account: plan.account,
    regions: plan.regions,
    iam: {},
    s3: {},
    organizations: {},
    ec2: {},
  };
  const tasks: Promise<void>[] = [];
  const run = async <T>(label: string, operation: string, read: () => Promise<T>, store: (fact: Fact<T>) => void) => {
    progress?.taskStarted(label);
    try {
      store(collected(await read()));
    } catch (error) {
      store(toNotCollected(error, operation));
    } finally {
      progress?.taskDone(label);
    }
  };
  for (const key of [...plan.needs].sort()) {
    const collector = COLLECTORS[key];
    const operation = `${collector.service}:${collector.operations[0] ?? key}`;
    if (collector.scope === 'global') {
      tasks.push(run(key, operation, () => collector.collect(aws, plan.homeRegion, plan.account), (fact) => (section(inventory, key)[field(key)] = fact)));
    } else {
      for (const region of plan.regions.scanned) {
        tasks.push(run(`${key} ${region}`, operation, () => collector.collect(aws, region, plan.account), (fact) => (((section(inventory, key)[field(key)] ??= {}) as Record<string, unknown>)[region] = fact)));
      }
    }
  }
  await Promise.all(tasks);
  return inventory;
}

/** The inventory section a data key names (`iam` of `iam.credentialReport`), as a writable record. */
function section(inventory: Inventory, key: DataKey): Record<string, unknown> {
  return inventory[key.split('.')[0] as 'iam' | 's3' | 'ec2' | 'organizations'];
}

function field(key: DataKey): string {
  return key.split('.')[1] ?? key;
}
