import { hash } from 'node:crypto';
import type { Check, Remediation, Status } from './check.js';
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

/** What a finding shares with every other finding of its check. */
export type FindingCheck = Pick<Check, 'id' | 'title' | 'service' | 'severity' | 'checklist' | 'remediation'>;

/**
 * A finding as the engine makes it: its check's metadata by reference and its id derived when read,
 * so the 125,000 findings of 10,000 users hold five fields each instead of ten and an id string
 * (36 MiB live at the peak of such a scan, most of it these). Reporters read it as a Finding; JSON
 * (toJSON) and spreads (plainFinding) see the plain finding, with its keys in the same order.
 */
export class EvaluatedFinding implements Finding {
  /** Set only on a NotCollectedFinding; declared here so readers of any finding may ask for it. */
  declare readonly notCollected?: NotCollected;

  constructor(
    private readonly check: FindingCheck,
    readonly status: Status,
    readonly message: string,
    readonly resource: FindingResource,
    /** The resource as `describe` named it, before its text was made inert: the id is derived from it. */
    private readonly named: FindingResource,
  ) {}

  /** Derived at each read, not kept: reports read it once per format, and kept it was 5 MiB. */
  get id(): string {
    return findingId(this.check.id, this.named);
  }
  get checkId(): string {
    return this.check.id;
  }
  get title(): string {
    return this.check.title;
  }
  get service(): string {
    return this.check.service;
  }
  get severity(): Severity {
    return this.check.severity;
  }
  get checklist(): readonly string[] {
    return this.check.checklist;
  }
  get remediation(): Remediation {
    return this.check.remediation;
  }

  toJSON(): Finding {
    const { id, checkId, title, service, severity, checklist, remediation, status, message, resource } = this;
    return { id, checkId, title, service, severity, checklist, remediation, status, message, resource };
  }
}

/** An UNKNOWN finding of data not collected: the one kind that says why. */
export class NotCollectedFinding extends EvaluatedFinding {
  constructor(check: FindingCheck, message: string, resource: FindingResource, named: FindingResource, override readonly notCollected: NotCollected) {
    super(check, 'UNKNOWN', message, resource, named);
  }

  override toJSON(): Finding {
    return { ...super.toJSON(), notCollected: this.notCollected };
  }
}

/** The finding as a plain object, whose spread keeps every field (an EvaluatedFinding's are getters). */
export function plainFinding(finding: Finding): Finding {
  return finding instanceof EvaluatedFinding ? finding.toJSON() : finding;
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
