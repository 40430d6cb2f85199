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

/** The first 12 bytes of the SHA-256 of check, account, region and resource id, in hex. */
export function findingId(checkId: string, resource: FindingResource): string {
  const digest = hash('sha256', `${checkId}|${resource.account}|${resource.region}|${resource.id}`, 'hex');
  // Copied out of the hex digest: a slice would keep the whole digest alive in every finding. A
  // 'buffer' digest costs twice as much (an ArrayBuffer per finding), 10,000 users make 125,000.
  for (let i = 0; i < ID_CHARS; i++) idCodes[i] = digest.charCodeAt(i);
  return String.fromCharCode(...idCodes);
}
const ID_CHARS = 24;
const idCodes: number[] = new Array<number>(ID_CHARS).fill(0);
