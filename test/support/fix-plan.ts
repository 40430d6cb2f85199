/** Plans a check's FAILs in an inventory, as `bulwark fix` would, for fixer tests. */
import type { Check } from '../../src/core/check.js';
import { evaluate } from '../../src/core/engine.js';
import type { FixInputs } from '../../src/core/fix-plan.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/schema.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { buildPlan } from '../../src/plan/build.js';
import type { FixPlan, Plan } from '../../src/plan/schema.js';
import { NOW } from '../../src/testing/builders.js';

export function planFor(checks: Check | readonly Check[], inventory: Inventory, options: { inputs?: FixInputs; config?: Config; homeRegion?: string } = {}): FixPlan {
  const list = Array.isArray(checks) ? checks : [checks as Check];
  const config = options.config ?? DEFAULT_CONFIG;
  const findings = evaluate(list, inventory, { now: NOW, config });
  return buildPlan({ checks: list, inventory, findings, config, inputs: options.inputs ?? {}, now: NOW, homeRegion: options.homeRegion ?? 'us-east-1', source: 'inventory' });
}

/** `[key, risk]` of each step, in plan order. */
export const stepKeys = (plan: Plan) => plan.steps.map((s) => [s.key, s.risk]);

/** The calls of a step, as `action input` pairs. */
export const callsOf = (plan: Plan, key: string) => plan.steps.find((s) => s.key === key)?.calls.map((c) => [c.action, c.input]);
export const undoOf = (plan: Plan, key: string) => plan.steps.find((s) => s.key === key)?.undo?.map((c) => [c.action, c.input]);
