/**
 * Scan → plan → apply → scan → undo → scan against the local AWS look-alike, with the real
 * collectors, engine, plan builder, step runner, journal and executor: only AWS is simulated.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../../../src/core/check.js';
import { collectInventory } from '../../../src/core/collect.js';
import { evaluate } from '../../../src/core/engine.js';
import type { Finding } from '../../../src/core/finding.js';
import type { FixInputs } from '../../../src/core/fix-plan.js';
import { DEFAULT_CONFIG } from '../../../src/config/schema.js';
import type { DataKey } from '../../../src/collectors/keys.js';
import { executeCall } from '../../../src/fixers/execute.js';
import { runSteps, type StepResult } from '../../../src/plan/apply.js';
import { buildPlan } from '../../../src/plan/build.js';
import { Journal } from '../../../src/plan/journal.js';
import type { Plan, PlannedStep } from '../../../src/plan/schema.js';
import { NOW } from '../../../src/testing/builders.js';
import { TEST_ACCOUNT, testContext } from '../aws.js';

export interface Cycle {
  scan(): Promise<Finding[]>;
  plan(inputs?: FixInputs): Promise<Plan>;
  apply(plan: Plan): Promise<StepResult[]>;
  undo(plan: Plan): Promise<StepResult[]>;
}

export function fixCycle(url: string, checks: readonly Check[], regions: string[]): Cycle {
  const aws = testContext({ endpointUrl: url });
  const needs = new Set<DataKey>(checks.flatMap((c) => [...c.needs, ...(c.fix?.needs ?? [])]));
  const collect = () => collectInventory(aws, { account: TEST_ACCOUNT, homeRegion: 'us-east-1', regions: { scanned: regions, skipped: [] }, needs });
  const run = async (steps: readonly PlannedStep[], operation: 'apply' | 'undo') => {
    const journal = await Journal.open(join(await mkdtemp(join(tmpdir(), 'bulwark-fix-')), 'journal.jsonl'));
    try {
      return await runSteps(steps, { operation, journal, callerArn: 'arn:aws:iam::123456789012:user/auditor', concurrency: 4, now: () => NOW, execute: (call) => executeCall(aws, call, 'us-east-1') });
    } finally {
      await journal.close();
    }
  };
  return {
    scan: async () => evaluate(checks, await collect(), { now: NOW, config: DEFAULT_CONFIG }),
    plan: async (inputs = {}) => {
      const inventory = await collect();
      const findings = evaluate(checks, inventory, { now: NOW, config: DEFAULT_CONFIG });
      return buildPlan({ checks, inventory, findings, config: DEFAULT_CONFIG, inputs, now: NOW, homeRegion: 'us-east-1', source: 'live' });
    },
    apply: (plan) => run(plan.steps, 'apply'),
    // Reverse order, each step's undo calls in place of its calls; irreversible steps are left alone.
    undo: (plan) => run([...plan.steps].reverse().flatMap((s) => (s.undo ? [{ ...s, calls: s.undo, dependsOn: [] }] : [])), 'undo'),
  };
}

/** `[check id, resource, status]` of each finding, sorted: easy to compare before and after. */
export const verdicts = (findings: readonly Finding[]) => findings.map((f) => [f.checkId, f.resource.name ?? f.resource.id, f.status]).sort();
