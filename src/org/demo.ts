/** `scan --org --demo`: a small made-up organisation built from the bundled demo account. */
import { demoInventory } from '../demo/demo-inventory.js';
import type { Inventory } from '../inventory/schema.js';
import type { AccountReader } from './account-scan.js';
import type { OrgAccount } from './accounts.js';

const DEMO_ACCOUNT = demoInventory().account.id;

export const DEMO_ORG: readonly OrgAccount[] = [
  { id: DEMO_ACCOUNT, name: 'management (demo)', state: 'ACTIVE' },
  { id: '222233334444', name: 'production (demo)', state: 'ACTIVE' },
  { id: '333344445555', name: 'sandbox (demo, no audit role)', state: 'ACTIVE' },
  { id: '444455556666', name: 'old project (demo)', state: 'SUSPENDED' },
];

/** The sandbox has no member role, as a newly joined account would not: its verdicts are UNKNOWN. */
const WITHOUT_ROLE = '333344445555';

export const demoReader: AccountReader = (job) => {
  if (job.account.id === WITHOUT_ROLE) {
    const message = `cannot assume ${job.roleArn ?? 'the member role'} (AccessDenied): deploy the member role (docs/permissions/member-role.stackset.yaml) and check --member-role and --external-id`;
    return Promise.resolve({ unreachable: { status: 'not-collected', kind: 'access-denied', operation: 'sts:AssumeRole', errorCode: 'AccessDenied', message, permission: 'sts:AssumeRole' }, calls: 1 });
  }
  // The demo account under another id: the same misconfigurations, in every account's own name.
  const inventory = JSON.parse(JSON.stringify(demoInventory()).replaceAll(DEMO_ACCOUNT, job.account.id)) as Inventory;
  return Promise.resolve({ inventory, calls: 0 });
};
