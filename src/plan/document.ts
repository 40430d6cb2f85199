/**
 * The plan document both commands save: fix's plan from findings and respond's from an incident's
 * scope share one header and one step order, so a saved plan of either loads and applies the same.
 */
import type { FixStep } from '../core/fix-plan.js';
import { VERSION } from '../version.js';
import { orderSteps } from './order.js';
import { PLAN_SCHEMA_VERSION, type Plan, type PlannedStep, type StepSubject } from './schema.js';

/** A step as the planner gathered it: planned once, with every subject it acts for. */
export interface GatheredStep<S extends StepSubject> {
  readonly step: FixStep;
  readonly subjects: S[];
}

export type PlanFields<S extends StepSubject> = Omit<Plan<S>, 'schemaVersion' | 'generator' | 'createdAt' | 'steps'>;

export function planDocument<S extends StepSubject>(fields: PlanFields<S>, gathered: Iterable<GatheredStep<S>>, now: Date): Plan<S> {
  const planned: PlannedStep<S>[] = [...gathered].map(({ step, subjects }) => ({ ...step, findings: subjects }));
  const { kind, ...rest } = fields;
  return { kind, schemaVersion: PLAN_SCHEMA_VERSION, generator: { name: 'bulwark', version: VERSION }, createdAt: now.toISOString(), ...rest, steps: orderSteps(planned) };
}
