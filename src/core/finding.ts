import { hash } from 'node:crypto';
import type { Remediation, Status } from './check.js';
import type { NotCollected } from './fact.js';
import type { Severity } from './severity.js';

export interface FindingResource {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  /** A region name, or `global` for account-wide resources (IAM). */
  readonly region: string;
  readonly account: string;
  /** The resource's AWS tags, where the inventory holds them (IAM users and roles, EC2 instances and security groups). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Why a finding is SUPPRESSED: the entry of the suppressions file that accepted it. */
export interface Suppression {
  /** The check's own verdict, kept so that nothing is lost. */
  readonly status: Status;
  readonly reason: string;
  readonly expires?: string;
  /** Where the entry is: `file:line`. */
  readonly rule: string;
}

export interface Finding {
  /** Stable across scans: derived from check, account, region and resource only. */
  readonly id: string;
  readonly checkId: string;
  readonly title: string;
  readonly service: string;
  readonly severity: Severity;
  readonly checklist: readonly string[];
  readonly status: Status;
  readonly message: string;
  readonly resource: FindingResource;
  readonly remediation: Remediation;
  /** Why the check could not tell, for UNKNOWN findings. */
  readonly notCollected?: NotCollected;
  readonly suppression?: Suppression;
}

export function findingId(checkId: string, resource: FindingResource): string {
  // The first 12 bytes in hex: a string of its own, not a slice that keeps the whole digest alive.
  return hash('sha256', `${checkId}|${resource.account}|${resource.region}|${resource.id}`, 'buffer').toString('hex', 0, 12);
}
