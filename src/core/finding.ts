import { createHash } from 'node:crypto';
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
}

export function findingId(checkId: string, resource: FindingResource): string {
  const key = [checkId, resource.account, resource.region, resource.id].join('|');
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
