/**
 * Journal → undo steps: every step applied (and not yet undone) that has undo calls, newest first,
 * with dependencies reversed (alarms come off before the trail they watch). Irreversible and
 * partly applied steps are named, never guessed at.
 */
import type { PlannedStep, StepEntry } from './schema.js';
import type { JournalEntry } from './schema.js';

export interface UndoPlan {
  readonly steps: readonly PlannedStep[];
  /** The journal line each undo step reverts, by undo step key. */
  readonly undoes: ReadonlyMap<string, number>;
  readonly irreversible: readonly StepEntry[];
  /** Failed steps some of whose calls went through: to be checked and reverted by hand. */
  readonly partial: readonly StepEntry[];
  readonly account: string;
}

export function undoPlan(entries: readonly JournalEntry[]): UndoPlan {
  const steps = entries.filter((e): e is StepEntry => e.type === 'step');
  const undone = new Set(steps.filter((e) => e.operation === 'undo' && e.outcome === 'undone').map((e) => e.undoes));
  const applied = steps.filter((e) => e.operation === 'apply' && e.outcome === 'applied' && !undone.has(e.seq));
  const reversible = applied.filter((e) => e.step.undo?.length);
  const undoKey = (key: string) => `undo:${key}`;
  const appliedKeys = new Set(reversible.map((e) => e.step.key));
  const undoSteps: PlannedStep[] = reversible
    .slice()
    .reverse()
    .map(({ step }) => {
      // Undo this step only after undoing the applied steps that depended on it.
      const dependants = reversible.filter((e) => e.step.dependsOn?.includes(step.key) && appliedKeys.has(e.step.key)).map((e) => undoKey(e.step.key));
      const { dependsOn: _forward, missingInputs: _inputs, ...rest } = step;
      return {
        ...rest,
        key: undoKey(step.key),
        title: `Undo: ${step.title}`,
        before: step.after,
        after: step.before,
        calls: step.undo!,
        undo: step.calls,
        ...(dependants.length ? { dependsOn: dependants } : {}),
      };
    });
  const start = entries.find((e) => e.type === 'start');
  return {
    steps: undoSteps,
    undoes: new Map(reversible.map((e) => [undoKey(e.step.key), e.seq])),
    irreversible: applied.filter((e) => !e.step.undo?.length),
    partial: steps.filter((e) => e.operation === 'apply' && e.outcome === 'failed' && e.calls.some(wentThrough)),
    account: start?.account ?? '',
  };
}

/** A call that changed something: it succeeded, and not as a tolerated no-op (which is journaled ok with its error code). */
export function wentThrough(call: { readonly ok: boolean; readonly errorCode?: string | undefined }): boolean {
  return call.ok && !call.errorCode;
}
