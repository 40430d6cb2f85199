/**
 * Findings → plan. Every FAIL of a fixable check asks its fixer for steps; steps that two findings
 * share (one key, two checks) are planned once; FAILs without steps are listed with manual steps.
 * Pure: nothing here calls AWS.
 */
import { NotCollectedError, type Check } from '../core/check.js';
import { describeNotCollected } from '../core/fact.js';
import { findingId, type Finding, type FindingResource } from '../core/finding.js';
import { CannotPlan, type FixContext, type FixInputs, type FixStep } from '../core/fix-plan.js';
import type { Config } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import { fingerprint } from './fingerprint.js';
import { planDocument, type GatheredStep } from './document.js';
import type { FixPlan, ManualFix, Plan, PlannedFinding } from './schema.js';

export interface PlanRequest {
  readonly checks: readonly Check[];
  readonly inventory: Inventory;
  /** The evaluated (and suppressed) findings: only FAIL ones are planned. */
  readonly findings: readonly Finding[];
  readonly config: Config;
  readonly inputs: FixInputs;
  readonly now: Date;
  readonly homeRegion: string;
  readonly source: Plan['source'];
  /** Plan only these finding ids (`--from`: the FAILs of a saved report that still fail). */
  readonly only?: ReadonlySet<string>;
}

/** A located resource of a check: the item its fixer plans from, and its finding. */
export interface Located {
  readonly item: unknown;
  readonly resource: FindingResource;
  readonly region: string;
  readonly id: string;
}

/** Every resource of a check in an inventory, named as the engine names findings. */
export function* locate(check: Check, inventory: Inventory, now: Date, config: Config): Generator<Located> {
  const { account } = inventory;
  for (const set of check.resources(inventory)) {
    if (set.items.status !== 'collected') continue;
    for (const item of set.items.value) {
      const ref = check.describe(item, { account, region: set.region, now, config });
      const resource: FindingResource = { ...ref, region: set.region, account: account.id };
      yield { item, resource, region: set.region, id: findingId(check.id, resource) };
    }
  }
}

export function buildPlan(request: PlanRequest): FixPlan {
  const { checks, inventory, findings, config, inputs, now, homeRegion } = request;
  const failing = new Map(findings.filter((f) => f.status === 'FAIL' && (!request.only || request.only.has(f.id))).map((f) => [f.id, f]));
  const steps = new Map<string, GatheredStep<PlannedFinding>>();
  const manual: ManualFix[] = [];
  const byHand = (finding: Finding, text: string, reason?: string) =>
    manual.push({ findingId: finding.id, checkId: finding.checkId, title: finding.title, resource: finding.resource.name ?? finding.resource.id, message: finding.message, manual: text, ...(reason ? { reason } : {}) });

  for (const check of checks) {
    const fix = check.fix;
    if (!fix) {
      for (const finding of failing.values()) if (finding.checkId === check.id) byHand(finding, check.remediation.text, 'no automatic fix for this check');
      continue;
    }
    for (const located of locate(check, inventory, now, config)) {
      const finding = failing.get(located.id);
      if (!finding) continue;
      const context: FixContext = { inventory, account: inventory.account, region: located.region, homeRegion, config, inputs, now };
      const fallback = fix.manual ?? check.remediation.text;
      let planned: readonly FixStep[];
      try {
        planned = fix.plan(located.item, context);
      } catch (error) {
        if (error instanceof NotCollectedError) byHand(finding, fallback, `cannot plan: ${describeNotCollected(error.reason)}`);
        else if (error instanceof CannotPlan) byHand(finding, fallback, `cannot plan: ${error.message}`);
        else byHand(finding, fallback, `the fix planner failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (planned.length === 0) byHand(finding, fallback, 'the fix cannot be automated for this resource');
      const entry: PlannedFinding = {
        id: finding.id,
        checkId: check.id,
        resource: { id: located.resource.id, type: located.resource.type, ...(located.resource.name ? { name: located.resource.name } : {}), region: located.region },
        message: finding.message,
        fingerprint: fingerprint(fix.fingerprint ? fix.fingerprint(located.item) : located.item),
      };
      const undeclared = planned.flatMap((s) => [...s.calls, ...(s.undo ?? [])]).find((call) => !fix.actions.includes(call.action));
      if (undeclared) {
        byHand(finding, fallback, `the fixer calls ${undeclared.action}, which it does not declare: not planned`);
        continue;
      }
      for (const step of planned) {
        const shared = steps.get(step.key);
        if (!shared) steps.set(step.key, { step, subjects: [entry] });
        else if (JSON.stringify(shared.step.calls) !== JSON.stringify(step.calls)) throw new Error(`two fixers plan step ${step.key} with different calls (${check.id})`);
        else shared.subjects.push(entry);
      }
    }
  }

  const fields = { collectedAt: inventory.collectedAt, source: request.source, account: inventory.account, homeRegion, checks: checks.map((c) => c.id), manual };
  return planDocument({ kind: 'bulwark-fix-plan', ...fields }, steps.values(), now);
}
