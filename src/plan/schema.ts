/**
 * The saved plan (`fix --format json`) and the journal, as zod schemas: a plan file read back for
 * `--apply`, or a journal for `--undo`, is validated before anything runs.
 */
import { z } from 'zod';
import { FIX_RISKS, type FixStep } from '../core/fix-plan.js';

export const PLAN_SCHEMA_VERSION = 1;

const timestamp = z.iso.datetime({ offset: true });

export const fixCallSchema = z
  .object({ action: z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9]+$/, 'must be service:Operation'), input: z.record(z.string(), z.unknown()), region: z.string(), sdk: z.string().regex(/^[A-Za-z0-9]+\.[A-Za-z0-9]+$/).optional() })
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
    findings: z.array(plannedFindingSchema).min(1),
  })
  .strict();

/** A FAIL the plan has no step for: what to do by hand, and why not automatically. */
export const manualFixSchema = z
  .object({ findingId: z.string(), checkId: z.string(), title: z.string(), resource: z.string(), message: z.string(), manual: z.string(), reason: z.string().optional() })
  .strict();

export const planSchema = z
  .object({
    kind: z.literal('bulwark-fix-plan'),
    schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
    generator: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    createdAt: timestamp,
    /** The inventory's collection time: what the plan saw. */
    collectedAt: timestamp,
    source: z.enum(['live', 'inventory', 'demo']),
    account: z.object({ id: z.string().regex(/^\d{12}$/), partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']), callerArn: z.string().optional() }).strict(),
    homeRegion: z.string(),
    /** The checks that were evaluated; apply re-reads only what their findings need. */
    checks: z.array(z.string()),
    /** In an order that respects `dependsOn`. */
    steps: z.array(plannedStepSchema),
    manual: z.array(manualFixSchema),
  })
  .strict();

export type PlannedFinding = z.infer<typeof plannedFindingSchema>;
/** A fixer's step, with the findings it fixes. */
export type PlannedStep = FixStep & { readonly findings: readonly PlannedFinding[] };
export type Plan = Omit<z.infer<typeof planSchema>, 'steps'> & { readonly steps: readonly PlannedStep[] };
export type ManualFix = z.infer<typeof manualFixSchema>;

export const STEP_OUTCOMES = ['applied', 'failed', 'skipped-drift', 'skipped-resolved', 'skipped-dependency', 'not-runnable', 'declined', 'undone'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** One call as made: never the response (it may hold a secret, e.g. a new key). */
export const madeCallSchema = fixCallSchema.extend({ ok: z.boolean(), errorCode: z.string().optional(), error: z.string().optional() }).strict();
export type MadeCall = z.infer<typeof madeCallSchema>;

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
      prev: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    })
    .strict(),
]);
type ParsedEntry = z.infer<typeof journalEntrySchema>;
export type StartEntry = Extract<ParsedEntry, { type: 'start' }>;
export type StepEntry = Omit<Extract<ParsedEntry, { type: 'step' }>, 'step'> & { readonly step: PlannedStep };
export type JournalEntry = StartEntry | StepEntry;
