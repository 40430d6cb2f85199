/** Reading a saved plan back for `--plan FILE`: validated, re-ordered, and every call resolvable before anything runs. */
import { UserError } from '../core/errors.js';
import type { Check } from '../core/check.js';
import { readTextFile } from '../lib/yaml-file.js';
import { resolveCall } from '../fixers/execute.js';
import { orderSteps } from './order.js';
import { findingsOf, planSchema, type Plan } from './schema.js';
import '../lib/zod-messages.js';

export async function loadPlan(path: string, checks: readonly Check[]): Promise<Plan> {
  const text = await readTextFile(path, 'plan');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`plan ${path} is not JSON: save one with bulwark fix --format json --output ${path}`);
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`plan ${path} is not a Bulwark fix plan (schemaVersion 1): ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const plan = parsed.data as Plan;
  if (plan.kind !== 'bulwark-fix-plan') throw new UserError(`plan ${path} is a ${plan.kind}, not a fix plan: it is applied by bulwark respond`);
  const known = new Set(checks.map((c) => c.id));
  const keys = new Set<string>();
  for (const step of plan.steps) {
    if (keys.has(step.key)) throw new UserError(`plan ${path} has step ${step.key} twice`);
    keys.add(step.key);
    const unknown = findingsOf(step).find((f) => !known.has(f.checkId));
    if (step.findings.length !== findingsOf(step).length) throw new UserError(`plan ${path}, step ${step.key}: names a scope item, not a finding`);
    if (unknown) throw new UserError(`plan ${path} fixes ${unknown.checkId}, a check this version of Bulwark does not have`);
    for (const call of [...step.calls, ...(step.undo ?? [])]) {
      const resolved = resolveCall(call);
      if ('error' in resolved) throw new UserError(`plan ${path}, step ${step.key}: ${resolved.error}`);
    }
  }
  try {
    return { ...plan, steps: orderSteps(plan.steps) };
  } catch (error) {
    throw new UserError(`plan ${path}: ${(error as Error).message}`);
  }
}
