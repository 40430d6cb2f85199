import { describe, expect, it } from 'vitest';
import { defineCheck, fail, pass, type Check } from '../core/check.js';
import { evaluate } from '../core/engine.js';
import { collected } from '../core/fact.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { DataKey } from '../collectors/keys.js';
import type { Inventory } from '../inventory/schema.js';
import { inventory, NOW } from '../testing/builders.js';
import { buildPlan } from './build.js';
import { LiveState } from './live-state.js';

interface Row { readonly name: string; readonly ok: boolean; readonly rules: number }
type WithRows = Inventory & { readonly rows: readonly Row[] };

/** Two checks on the same resources whose fixes read different data, as a rule fix and a group fix do. */
const make = (id: string, fixNeeds: DataKey[]): Check =>
  defineCheck<Row>({
    id,
    title: 'Test resources are fine',
    service: 'ec2',
    severity: 'low',
    checklist: ['AS-30'],
    rationale: 'r',
    remediation: { text: 'by hand', url: 'https://example.com' },
    needs: ['ec2.securityGroups'],
    resources: (inv) => [{ region: 'global', items: collected((inv as WithRows).rows) }],
    describe: (r) => ({ id: `res/${r.name}`, type: 'Test', name: r.name }),
    evaluate: (r) => (r.ok ? pass(`${r.name} fine`) : fail(`${r.name} has ${r.rules} open rules`)),
    fix: { needs: fixNeeds, actions: ['ec2:RevokeSecurityGroupIngress'], plan: (r) => [{ key: `${id}:${r.name}`, title: `Close ${r.name} now`, before: 'b', after: 'a', calls: [{ action: 'ec2:RevokeSecurityGroupIngress', region: 'global', input: { GroupId: r.name } }], risk: 'safe' }] },
  });

describe('LiveState drift', () => {
  const checks = [make('check-rules', []), make('check-group', ['ec2.securityGroupUse'])];
  let world: Row[] = [{ name: 'sg-1', ok: false, rules: 2 }];
  const read = (): WithRows => ({ ...inventory(), rows: world.map((r) => ({ ...r })) });
  const initial = read();
  const plan = buildPlan({ checks, inventory: initial, findings: evaluate(checks, initial, { now: NOW, config: DEFAULT_CONFIG }), config: DEFAULT_CONFIG, inputs: {}, now: NOW, homeRegion: 'us-east-1', source: 'inventory' });
  const state = () => new LiveState(() => Promise.resolve(read()), new Map(checks.map((c) => [c.id, c])), DEFAULT_CONFIG, () => NOW);
  // The first step closes one rule of the group: the group still fails, but it is not as planned.
  const applyFirstStep = () => (world = [{ name: 'sg-1', ok: false, rules: 1 }]);

  it('compares every step with the account as it was before the run, not with what earlier steps did', async () => {
    world = [{ name: 'sg-1', ok: false, rules: 2 }];
    const live = state();
    live.before(plan.steps);
    const [first, second] = plan.steps;
    expect((await live.drift(first!)).verdict).toBe('unchanged');
    applyFirstStep();
    expect((await live.drift(second!)).verdict).toBe('unchanged');
  });

  it('still sees a change someone else made between plan and apply', async () => {
    world = [{ name: 'sg-1', ok: false, rules: 3 }];
    const live = state();
    live.before(plan.steps);
    expect((await live.drift(plan.steps[1]!)).verdict).toBe('changed');
  });
});
