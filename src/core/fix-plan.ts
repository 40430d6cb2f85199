/**
 * What a fixer declares: the steps that would bring one failing resource to the compliant state.
 * Fixers only plan; the fix engine (src/plan/) orders, prompts, applies, journals, re-verifies and undoes.
 * Everything here is plain data, so a plan can be saved as JSON, reviewed, and applied later exactly.
 */
import type { AccountInfo, Inventory } from '../inventory/schema.js';
import type { Config } from '../config/schema.js';
import type { DataKey } from '../collectors/keys.js';

/** `may-disrupt`: something in use may stop working; `costs-money`: the change is billed (say the pricing basis in the note). */
export type FixRisk = 'safe' | 'may-disrupt' | 'costs-money';
export const FIX_RISKS: readonly FixRisk[] = ['safe', 'may-disrupt', 'costs-money'];

/** One API call. `action` is the IAM permission and, normally, the SDK operation: `iam:UpdateAccessKey`. */
export interface FixCall {
  readonly action: string;
  /** The SDK command input, exactly as sent. */
  readonly input: Readonly<Record<string, unknown>>;
  /** A region name, or `global` (the partition's home region). */
  readonly region: string;
  /**
   * `Client.Operation`, only when the SDK operation differs from the permission:
   * `S3Control.PutPublicAccessBlock` for `s3:PutAccountPublicAccessBlock`.
   */
  readonly sdk?: string;
  /** Response fields later calls of the run may use (`GroupId` of a new group): journaled with the call. */
  readonly capture?: readonly string[];
  /** Error codes that mean there was nothing to do (a rule that does not exist): the call counts as made, its code journaled. */
  readonly tolerate?: readonly string[];
}

/**
 * A value an earlier call of the same apply returned (`capture`d), used in a later call's input:
 * the id of a security group created one call before, say. `{ "$output": { "step", "field" } }`
 * in a saved plan; the journal holds the call as made, with the value in place.
 */
export interface OutputRef {
  readonly $output: { readonly step: string; readonly field: string };
}

export function outputRef(step: string, field: string): OutputRef {
  return { $output: { step, field } };
}

export interface FixStep {
  /**
   * Unique in the whole plan, `<service>:<verb>-<what>`, e.g. `iam:deactivate-access-key:AKIA…`.
   * Two findings that need the same change plan the same key and share one step.
   */
  readonly key: string;
  /** What the step does, for the plan and the prompt: `Deactivate access key AKIA…7QXZ of alice`. */
  readonly title: string;
  /** The state now and after the step, in words: `Active (last used 2026-11-30, s3)` → `Inactive`. */
  readonly before: string;
  readonly after: string;
  /** Run in order; a failed call stops the step. */
  readonly calls: readonly FixCall[];
  /** Calls that revert the step, in order. Absent: irreversible, shown as such before the user agrees. */
  readonly undo?: readonly FixCall[];
  readonly risk: FixRisk;
  /** What may break or what it costs: `may disrupt: last used 2 days ago`. */
  readonly riskNote?: string;
  /** Keys of steps that must succeed first (of this check or another's, e.g. `cloudtrail:create-trail:…`). */
  readonly dependsOn?: readonly string[];
  /** Flags the step needs and did not get (`--alarm-email`): the step is listed but not runnable. */
  readonly missingInputs?: readonly string[];
}

export interface SecurityContactInput {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

/** Values only the user can give (flags, or the config file's `fix:` section). */
export interface FixInputs {
  readonly alarmEmail?: string;
  readonly securityContact?: SecurityContactInput;
  readonly budgetUsd?: number;
  readonly trailBucket?: string;
  readonly allowCidr?: string;
}

export interface FixContext {
  readonly inventory: Inventory;
  readonly account: AccountInfo;
  /** The region of the resource's set (`global` for account-wide ones). */
  readonly region: string;
  /** The partition's home region, where `global` calls go. */
  readonly homeRegion: string;
  readonly config: Config;
  readonly inputs: FixInputs;
  readonly now: Date;
}

/** Declared on a check: `fix: { plan, manual? }`. */
export interface FixDefinition<R> {
  /**
   * The steps for one FAIL resource; `[]` when nothing can be done automatically (then `manual` says what to do).
   * Pure, like `evaluate`: no AWS calls, no clock but `context.now`.
   */
  readonly plan: (resource: R, context: FixContext) => readonly FixStep[];
  /**
   * Every `action` the plan's calls and undo calls may use. The fix policy is generated from these;
   * the engine refuses a step that calls anything else, and the check tester checks them.
   */
  readonly actions: readonly string[];
  /** Data the plan reads beyond the check's `needs` (access key ids, say); collected when planning. */
  readonly needs?: readonly DataKey[];
  /** Manual steps for FAILs the plan cannot fix (or returns `[]` for). */
  readonly manual?: string;
  /**
   * The part of the resource whose change between plan and apply is drift (the step is skipped).
   * Default: the whole resource as the check sees it. Narrow it when the resource carries
   * unrelated data that changes often (a user's last console sign-in beside their key).
   */
  readonly fingerprint?: (resource: R) => unknown;
}

/**
 * Thrown by `plan` when it cannot make a safe step (which key a slot is cannot be told, say):
 * the finding is listed with its manual steps and this reason. Data not collected: use `need`.
 */
export class CannotPlan extends Error {}
