/**
 * Runs planned steps: in dependency order, independent ones at once under a concurrency limit,
 * each confirmed (unless --yes), re-read for drift, executed call by call and journaled whatever
 * its outcome. A step that does not apply makes the steps that depend on it skip; the rest go on.
 * Used for apply and for undo; it knows nothing of the CLI or of AWS clients.
 */
import pLimit from 'p-limit';
import { errorCode } from '../aws/errors.js';
import type { FixCall, OutputRef } from '../core/fix-plan.js';
import type { Journal } from './journal.js';
import type { MadeCall, PlannedStep, StepOutcome } from './schema.js';

export type Answer = 'yes' | 'no' | 'all' | 'quit';

/** What re-reading a step's resources found. `state` is journaled as the state before the step. */
export interface DriftCheck {
  /** `changed`: a resource differs from the plan (skip); `resolved`: every finding already passes (skip). */
  readonly verdict: 'unchanged' | 'changed' | 'resolved';
  readonly detail?: string;
  readonly state?: Record<string, unknown>;
}

export interface StepResult {
  readonly step: PlannedStep;
  readonly outcome: StepOutcome;
  readonly reason?: string;
  readonly calls: readonly MadeCall[];
  readonly seq: number;
}

export interface RunOptions {
  readonly operation: 'apply' | 'undo';
  readonly execute: (call: FixCall) => Promise<unknown>;
  readonly journal: Journal;
  readonly callerArn: string;
  readonly concurrency: number;
  readonly now: () => Date;
  /** Absent: no drift check. */
  readonly reread?: (step: PlannedStep) => Promise<DriftCheck>;
  /** Asked before each step; absent means --yes. */
  readonly confirm?: (step: PlannedStep) => Promise<Answer>;
  /** Called as each step ends (for progress output). */
  readonly onResult?: (result: StepResult) => void;
  /** For undo: the journal line each step reverts, by step key. */
  readonly undoes?: ReadonlyMap<string, number>;
  /** An applied step whose effect is recorded elsewhere (undo marks the original as `undone`). */
  readonly appliedOutcome?: StepOutcome;
  /** Called just before each call is made (respond journals the call, then its step's result). */
  readonly beforeCall?: (step: PlannedStep, call: FixCall) => Promise<void>;
}

/** Replaces each `outputRef` in a call's input by the value an earlier call of the run captured; one that is not there fails the call. */
function resolveOutputs(value: unknown, outputs: ReadonlyMap<string, Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveOutputs(v, outputs));
  if (!value || typeof value !== 'object') return value;
  const ref = (value as Partial<OutputRef>).$output;
  if (ref && typeof ref === 'object' && Object.keys(value).length === 1) {
    const found = outputs.get(ref.step)?.[ref.field];
    if (found === undefined) throw Object.assign(new Error(`${ref.field} of step ${ref.step} is not known: that step did not run in this apply`), { name: 'MissingOutput' });
    return found;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveOutputs(v, outputs)]));
}

function captured(response: unknown, fields: readonly string[]): Record<string, string> {
  const record = (response ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.flatMap((f) => (typeof record[f] === 'string' ? [[f, record[f]]] : [])));
}

export async function runSteps(steps: readonly PlannedStep[], options: RunOptions): Promise<StepResult[]> {
  const limit = pLimit(options.concurrency);
  const keys = new Set(steps.map((s) => s.key));
  const done = new Map<string, Promise<StepResult>>();
  let prompt: Promise<unknown> = Promise.resolve();
  let answeredAll = !options.confirm;
  let quit = false;
  const applied = options.appliedOutcome ?? 'applied';
  const outputs = new Map<string, Record<string, string>>();

  const ask = (step: PlannedStep): Promise<Answer> => {
    if (answeredAll || !options.confirm) return Promise.resolve('yes');
    // One question at a time, in plan order.
    const answer = prompt.then(async (): Promise<Answer> => {
      if (quit) return 'quit';
      if (answeredAll) return 'yes';
      const reply = await options.confirm!(step);
      if (reply === 'all') answeredAll = true;
      if (reply === 'quit') quit = true;
      return reply;
    });
    prompt = answer.catch(() => undefined);
    return answer;
  };

  const finish = async (step: PlannedStep, outcome: StepOutcome, calls: MadeCall[], reason?: string, stateBefore?: Record<string, unknown>): Promise<StepResult> => {
    const seq = options.journal.nextSeq();
    const undoes = options.undoes?.get(step.key);
    await options.journal.append({
      type: 'step',
      seq,
      time: options.now().toISOString(),
      callerArn: options.callerArn,
      operation: options.operation,
      ...(undoes !== undefined ? { undoes } : {}),
      step,
      ...(stateBefore ? { stateBefore } : {}),
      calls,
      outcome,
      ...(reason ? { reason } : {}),
    });
    const result: StepResult = { step, outcome, calls, seq, ...(reason ? { reason } : {}) };
    options.onResult?.(result);
    return result;
  };

  const run = async (step: PlannedStep): Promise<StepResult> => {
    const results = await Promise.all((step.dependsOn ?? []).map((key) => done.get(key) ?? Promise.resolve(undefined)));
    const missing = (step.dependsOn ?? []).filter((key) => !keys.has(key));
    if (missing.length) return finish(step, 'skipped-dependency', [], `needs ${missing.join(', ')}, which is not in this plan`);
    const blocked = results.find((r) => r && r.outcome !== applied);
    if (blocked) return finish(step, 'skipped-dependency', [], `${blocked.step.key} did not apply (${blocked.outcome})`);
    if (step.missingInputs?.length) return finish(step, 'not-runnable', [], `needs ${step.missingInputs.join(', ')}`);
    const answer = await ask(step);
    if (answer === 'no') return finish(step, 'declined', [], 'declined at the prompt');
    if (answer === 'quit') return finish(step, 'declined', [], 'quit at the prompt');
    return limit(async () => {
      let drift: DriftCheck | undefined;
      if (options.reread) {
        try {
          drift = await options.reread(step);
        } catch (error) {
          return finish(step, 'failed', [], `could not re-read the resource before the step: ${describeError(error)}`);
        }
        if (drift.verdict === 'changed') return finish(step, 'skipped-drift', [], `changed since the plan: ${drift.detail ?? 'the resource differs'}`, drift.state);
        if (drift.verdict === 'resolved') return finish(step, 'skipped-resolved', [], drift.detail ?? 'already compliant', drift.state);
      }
      const made: MadeCall[] = [];
      for (const planned of step.calls) {
        let call = planned;
        try {
          call = { ...planned, input: resolveOutputs(planned.input, outputs) as FixCall['input'] };
          await options.beforeCall?.(step, call);
          const response = await options.execute(call);
          const output = planned.capture ? captured(response, planned.capture) : undefined;
          if (output) outputs.set(step.key, { ...outputs.get(step.key), ...output });
          made.push({ ...call, ok: true, ...(output && Object.keys(output).length ? { output } : {}) });
        } catch (error) {
          // A call whose output a later call needs cannot be a no-op.
          if (!planned.capture && planned.tolerate?.includes(errorCode(error))) {
            made.push({ ...call, ok: true, errorCode: errorCode(error) });
            continue;
          }
          made.push({ ...call, ok: false, errorCode: errorCode(error), error: describeError(error) });
          const partial = made.length > 1 ? ` after ${made.length - 1} of ${step.calls.length} calls succeeded` : '';
          return finish(step, 'failed', made, `${call.action} failed${partial}: ${errorCode(error)}`, drift?.state);
        }
      }
      return finish(step, applied, made, undefined, drift?.state);
    });
  };

  // Dependencies first: `steps` is in dependency order, so each step finds its dependencies' promises.
  for (const step of steps) done.set(step.key, run(step));
  return Promise.all(steps.map((s) => done.get(s.key)!));
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 300);
}
