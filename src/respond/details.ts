/**
 * The `detail` facts of scope items that the containment plan reads. The scope readers write them
 * under these names; a fact missing or of the wrong type is not guessed: the step that needs it
 * is listed for a human instead (or planned without it, where that is safe and said).
 *
 *   ec2-instance:  volumeIds: string[], securityGroupIds: string[], vpcId: string, state: string
 *   ec2-snapshot,
 *   ec2-image:     public: boolean, sharedWith: string[] (account ids beyond this account)
 *   iam-access-key: status: 'Active' | 'Inactive' (and `parent`, the user name)
 */
import type { ScopeItem } from './scope.js';

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined);
const string = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export interface InstanceDetail {
  readonly volumeIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
  readonly vpcId?: string;
  readonly state?: string;
}

export function instanceDetail(item: ScopeItem): InstanceDetail {
  const d = item.detail;
  const volumeIds = strings(d.volumeIds);
  const securityGroupIds = strings(d.securityGroupIds);
  const vpcId = string(d.vpcId);
  const state = string(d.state);
  return { ...(volumeIds ? { volumeIds } : {}), ...(securityGroupIds ? { securityGroupIds } : {}), ...(vpcId ? { vpcId } : {}), ...(state ? { state } : {}) };
}

/** Sharing beyond the account; `undefined` when the reader could not tell. */
export function sharingDetail(item: ScopeItem, account: string): { public: boolean; accounts: string[] } | undefined {
  const isPublic = item.detail.public;
  const shared = strings(item.detail.sharedWith);
  if (typeof isPublic !== 'boolean' && !shared) return undefined;
  return { public: isPublic === true, accounts: (shared ?? []).filter((a) => a !== account && /^\d{12}$/.test(a)) };
}

export function keyStatus(item: ScopeItem): string | undefined {
  return string(item.detail.status);
}
