/**
 * The saved plan (`fix --format json`, `respond --contain --format json`) and the journal, as zod
 * schemas: a plan file read back for `--apply`, or a journal for `--undo`, is validated before
 * anything runs. One engine for both commands: a step's subjects are check findings (fix) or the
 * items of an incident's scope (respond).
 */
import { z } from 'zod';
import { FIX_RISKS, type FixStep } from '../core/fix-plan.js';

export const PLAN_SCHEMA_VERSION = 1;
/** A fix plan (from check findings) or a containment plan (from an incident's scope). */
export const PLAN_KINDS = ['bulwark-fix-plan', 'bulwark-respond-plan'] as const;

const timestamp = z.iso.datetime({ offset: true });

export const fixCallSchema = z
  .object({
    action: z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, 'must be service:Operation'),
    input: z.record(z.string(), z.unknown()),
    region: z.string(),
    sdk: z.string().regex(/^[A-Za-z0-9]+\.[A-Za-z0-9]+$/).optional(),
    capture: z.array(z.string().regex(/^[A-Za-z0-9]+$/)).min(1).readonly().optional(),
    tolerate: z.array(z.string().regex(/^[A-Za-z0-9.]+$/)).min(1).readonly().optional(),
  })
  .strict();

/** A finding a step fixes, with the fingerprint of its resource as the plan saw it (for drift). */
export const plannedFindingSchema = z
  .object({
    id: z.string(),
    checkId: z.string(),
    resource: z.object({ id: z.string(), type: z.string(), name: z.string().optional(), region: z.string() }).strict(),
    message: z.string(),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** An item of an incident's scope (or a suspect the user named) that a respond step contains. */
export const scopeSubjectSchema = z
  .object({
    /** The scope item kind (`iam-access-key`, `ec2-instance`…), or `suspect-principal` / `suspect-access-key`. */
    scopeKind: z.string().min(1),
    id: z.string(),
    resource: z.object({ id: z.string(), type: z.string(), name: z.string().optional(), region: z.string() }).strict(),
    message: z.string(),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const plannedStepSchema = z
  .object({
    key: z.string().min(1),
    title: z.string(),
    before: z.string(),
    after: z.string(),
    calls: z.array(fixCallSchema).min(1),
    undo: z.array(fixCallSchema).min(1).optional(),
    risk: z.enum(FIX_RISKS as [string, ...string[]]).transform((risk) => risk as (typeof FIX_RISKS)[number]),
    riskNote: z.string().optional(),
    dependsOn: z.array(z.string()).optional(),
    missingInputs: z.array(z.string()).optional(),
    /** What the step acts for: the findings it fixes, or the scope items it contains. */
    findings: z.array(z.union([plannedFindingSchema, scopeSubjectSchema])).min(1),
  })
  .strict();

/** A FAIL the plan has no step for: what to do by hand, and why not automatically. */
export const manualFixSchema = z
  .object({ findingId: z.string(), checkId: z.string(), title: z.string(), resource: z.string(), message: z.string(), manual: z.string(), reason: z.string().optional() })
  .strict();

export const planSchema = z
  .object({
    kind: z.enum(PLAN_KINDS),
    schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
    generator: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    createdAt: timestamp,
    /** The inventory's collection time: what the plan saw. */
    collectedAt: timestamp,
    source: z.enum(['live', 'inventory', 'demo']),
    account: z.object({ id: z.string().regex(/^\d{12}$/), partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']), callerArn: z.string().optional() }).strict(),
    homeRegion: z.string(),
    /** The checks that were evaluated; apply re-reads only what their findings need. Empty for respond. */
    checks: z.array(z.string()),
    /** In an order that respects `dependsOn`. */
    steps: z.array(plannedStepSchema),
    manual: z.array(manualFixSchema),
  })
  .strict();

export type PlannedFinding = z.infer<typeof plannedFindingSchema>;
export type ScopeSubject = z.infer<typeof scopeSubjectSchema>;
export type StepSubject = PlannedFinding | ScopeSubject;
/** A fixer's step, with the findings it fixes or the scope items it contains. */
export type PlannedStep<S extends StepSubject = StepSubject> = FixStep & { readonly findings: readonly S[] };

export function isFinding(subject: StepSubject): subject is PlannedFinding {
  return 'checkId' in subject;
}

/** The check findings among a step's subjects (all of them in a fix plan, none in a containment plan). */
export function findingsOf(step: { readonly findings: readonly StepSubject[] }): PlannedFinding[] {
  return step.findings.filter(isFinding);
}
export type Plan<S extends StepSubject = StepSubject> = Omit<z.infer<typeof planSchema>, 'steps'> & { readonly steps: readonly PlannedStep<S>[] };
/** What `fix` plans: every step fixes check findings. */
export type FixPlan = Plan<PlannedFinding>;
export type ManualFix = z.infer<typeof manualFixSchema>;

export const STEP_OUTCOMES = ['applied', 'failed', 'skipped-drift', 'skipped-resolved', 'skipped-dependency', 'not-runnable', 'declined', 'undone'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** One call as made: never the response (it may hold a secret, e.g. a new key), only the fields the call `capture`s (a new group's id). */
export const madeCallSchema = fixCallSchema.extend({ ok: z.boolean(), errorCode: z.string().optional(), error: z.string().optional(), output: z.record(z.string(), z.string()).optional() }).strict();
export type MadeCall = z.infer<typeof madeCallSchema>;

const sha = z.string().regex(/^[0-9a-f]{64}$/).optional();
const digest = z.string().regex(/^[0-9a-f]{64}$/);
const seq = z.number().int().min(1);

/**
 * One journal line. `prev` is the SHA-256 (hex) of the previous line's exact text; the first
 * line has none. A line edited, removed or reordered breaks the chain at that point.
 */
export const journalEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), seq: z.literal(0), time: timestamp, callerArn: z.string(), account: z.string(), operation: z.string(), planDigest: z.string(), prev: z.string().optional() }).strict(),
  z
    .object({
      type: z.literal('step'),
      seq: z.number().int().min(1),
      time: timestamp,
      callerArn: z.string(),
      /** `apply`, or `undo` of the line `undoes` names. */
      operation: z.enum(['apply', 'undo']),
      undoes: z.number().int().min(1).optional(),
      step: plannedStepSchema,
      /** The resources as read just before the step (drift check), by finding id. */
      stateBefore: z.record(z.string(), z.unknown()).optional(),
      calls: z.array(madeCallSchema),
      outcome: z.enum(STEP_OUTCOMES),
      reason: z.string().optional(),
      prev: sha,
    })
    .strict(),
  /** What was read before anything was planned (respond: the scope's counts and its digest). */
  z.object({ type: z.literal('read'), seq, time: timestamp, callerArn: z.string(), summary: z.record(z.string(), z.unknown()), digest: digest, prev: sha }).strict(),
  /** The plan as shown: its digest and its step keys, in order. */
  z.object({ type: z.literal('plan'), seq, time: timestamp, callerArn: z.string(), kind: z.enum(PLAN_KINDS), planDigest: digest, steps: z.array(z.string()), prev: sha }).strict(),
  /** Who agreed to run which steps, and how (`--yes`, or per step at the prompt). */
  z.object({ type: z.literal('approval'), seq, time: timestamp, callerArn: z.string(), by: z.enum(['yes-flag', 'prompt']), steps: z.array(z.string()), prev: sha }).strict(),
  /** A call about to be made (its result is in the step line that follows). */
  z.object({ type: z.literal('call'), seq, time: timestamp, callerArn: z.string(), step: z.string(), call: fixCallSchema, prev: sha }).strict(),
  /** A checklist item the user says is done (or its state as read). */
  z
    .object({ type: z.literal('acknowledgement'), seq, time: timestamp, callerArn: z.string(), item: z.string(), title: z.string(), state: z.string(), by: z.enum(['ack-flag', 'prompt', 'live-state']), prev: sha })
    .strict(),
]);
type ParsedEntry = z.infer<typeof journalEntrySchema>;
export type StartEntry = Extract<ParsedEntry, { type: 'start' }>;
export type StepEntry = Omit<Extract<ParsedEntry, { type: 'step' }>, 'step'> & { readonly step: PlannedStep };
export type ReadEntry = Extract<ParsedEntry, { type: 'read' }>;
export type PlanEntry = Extract<ParsedEntry, { type: 'plan' }>;
export type ApprovalEntry = Extract<ParsedEntry, { type: 'approval' }>;
export type CallEntry = Extract<ParsedEntry, { type: 'call' }>;
export type AcknowledgementEntry = Extract<ParsedEntry, { type: 'acknowledgement' }>;
export type JournalEntry = StartEntry | StepEntry | ReadEntry | PlanEntry | ApprovalEntry | CallEntry | AcknowledgementEntry;
