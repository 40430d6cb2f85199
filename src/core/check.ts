import { notInInventory, type Fact, type NotCollected } from './fact.js';
import type { Severity } from './severity.js';
import type { AccountInfo, Inventory } from '../inventory/schema.js';
import type { ChecklistId } from '../compliance/checklist.js';
import type { DataKey } from '../collectors/keys.js';
import type { Config } from '../config/schema.js';
import type { FixDefinition } from './fix-plan.js';

/** Worst first. SUPPRESSED is set by a suppression file (an accepted risk), never by a check. */
export const STATUSES = ['FAIL', 'ERROR', 'UNKNOWN', 'MANUAL', 'SUPPRESSED', 'PASS', 'NOT_APPLICABLE'] as const;
export type Status = (typeof STATUSES)[number];

/** What a check concludes about one resource. ERROR, and UNKNOWN for data not collected, come from the engine. */
export interface Outcome {
  readonly status: Extract<Status, 'PASS' | 'FAIL' | 'NOT_APPLICABLE' | 'MANUAL' | 'UNKNOWN'>;
  readonly message: string;
}

export const pass = (message: string): Outcome => ({ status: 'PASS', message });
export const fail = (message: string): Outcome => ({ status: 'FAIL', message });
export const notApplicable = (message: string): Outcome => ({ status: 'NOT_APPLICABLE', message });
export const manual = (message: string): Outcome => ({ status: 'MANUAL', message });
/** The data was read but cannot decide (a malformed policy, say): never a PASS by default. */
export const unknown = (message: string): Outcome => ({ status: 'UNKNOWN', message });

/** How a finding names what it is about. */
export interface ResourceRef {
  /** The ARN, or the closest stable id when the resource has none. */
  readonly id: string;
  /** ASFF resource type, e.g. `AwsIamUser`, `AwsEc2SecurityGroup`, `AwsAccount`. */
  readonly type: string;
  readonly name?: string;
}

/** A set of resources of one scope (a region, or `global`), or why it could not be read. */
export interface ResourceSet<R> {
  readonly region: string;
  readonly items: Fact<readonly R[]>;
}

/** Thrown by `need` when a check reads data that was not collected: the engine reports UNKNOWN. */
export class NotCollectedError extends Error {
  constructor(readonly reason: NotCollected) {
    super(reason.message);
  }
}

/** The value of a fact, or an UNKNOWN verdict for the resource when it was not collected. */
export function need<T>(fact: Fact<T> | undefined, operation: string): T {
  if (!fact) throw new NotCollectedError(notInInventory(operation));
  if (fact.status !== 'collected') throw new NotCollectedError(fact);
  return fact.value;
}

export interface CheckContext {
  readonly account: AccountInfo;
  readonly region: string;
  readonly now: Date;
  /** Thresholds and intentions from the config file (defaults when there is none). */
  readonly config: Config;
}

export interface Remediation {
  readonly text: string;
  readonly cli?: string;
  readonly url: string;
}

export interface CheckDefinition<R> {
  /** `<service>-<resource>-<compliant-state>`; equals the file name; never reused or renamed. */
  readonly id: string;
  /** The compliant state, in sentence case. */
  readonly title: string;
  readonly service: string;
  readonly severity: Severity;
  readonly checklist: readonly ChecklistId[];
  readonly rationale: string;
  readonly remediation: Remediation;
  /** The inventory data this check reads; the engine collects only what selected checks need. */
  readonly needs: readonly DataKey[];
  readonly resources: (inventory: Inventory) => readonly ResourceSet<R>[];
  readonly describe: (resource: R, context: CheckContext) => ResourceRef;
  /** Pure: no AWS calls, no globals, no clock but `context.now`. */
  readonly evaluate: (resource: R, context: CheckContext) => Outcome;
  /** How `bulwark fix` repairs a FAIL resource (src/core/fix-plan.ts); absent = report only. */
  readonly fix?: FixDefinition<R>;
}

/** A check with its resource type erased, as the engine and registry hold it. */
export type Check = CheckDefinition<unknown>;

export function defineCheck<R>(definition: CheckDefinition<R>): Check {
  return definition as unknown as Check;
}
