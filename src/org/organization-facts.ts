/**
 * Facts about the whole organisation that only the management account (or a delegated
 * administrator) may read, read once by `scan --org` with the caller's credentials and handed to
 * every member's evaluation: without them a member with no root password or key is UNKNOWN on
 * the root checks (ListOrganizationsFeatures is refused to members).
 */
import type { AwsContext } from '../aws/context.js';
import { readFact } from '../collectors/collector.js';
import type { DataKey } from '../collectors/keys.js';
import { readRootCredentialsManagement } from '../collectors/iam/root.js';
import { collected } from '../core/fact.js';
import type { Inventory } from '../inventory/schema.js';

export interface OrganizationFacts {
  /** Whether the organisation manages member accounts' root credentials centrally, as the caller read it. */
  readonly rootCredentialsManagement?: boolean;
}

/** The caller's readings the selected checks need; a reading that fails is left out (members keep their own reason). */
export async function readOrganizationFacts(aws: AwsContext, region: string, needs: readonly DataKey[]): Promise<OrganizationFacts> {
  if (!needs.includes('iam.rootCredentialsManagement')) return {};
  const feature = await readFact('iam:ListOrganizationsFeatures', () => readRootCredentialsManagement(aws, region));
  return feature.status === 'collected' ? { rootCredentialsManagement: feature.value } : {};
}

/** The account's inventory with the organisation's readings where its own read of the same fact failed. */
export function withOrganizationFacts(inventory: Inventory, facts: OrganizationFacts | undefined): Inventory {
  const own = inventory.iam.rootCredentialsManagement;
  if (facts?.rootCredentialsManagement === undefined || !own || own.status === 'collected') return inventory;
  return { ...inventory, iam: { ...inventory.iam, rootCredentialsManagement: collected(facts.rootCredentialsManagement) } };
}
