import { describe, expect, it } from 'vitest';
import { defineCheck, fail, pass, type Check } from '../core/check.js';
import { evaluate } from '../core/engine.js';
import { collected } from '../core/fact.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { CHECKS } from '../checks/index.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { inventory, NOW } from '../testing/builders.js';
import { buildPlan } from './build.js';
import { orderSteps } from './order.js';
import { planSchema } from './schema.js';
import type { FixStep } from '../core/fix-plan.js';

const rows = [{ name: 'a', ok: false }, { name: 'b', ok: true }, { name: 'c', ok: false }];
const make = (id: string, plan: (r: { name: string }) => FixStep[], actions = ['iam:UpdateAccessKey']): Check =>
  defineCheck<{ name: string; ok: boolean }>({
    id,
    title: 'Test resources are fine',
    service: 'iam',
    severity: 'low',
    checklist: ['AS-08'],
    rationale: 'r',
    remediation: { text: 'do it by hand', url: 'https://example.com' },
    needs: [],
    resources: () => [{ region: 'global', items: collected(rows) }],
    describe: (r) => ({ id: `res/${r.name}`, type: 'Test', name: r.name }),
    evaluate: (r) => (r.ok ? pass(`${r.name} fine`) : fail(`${r.name} broken`)),
    fix: { plan, actions },
  });
const stepFor = (key: string, extra: Partial<FixStep> = {}): FixStep => ({ key, title: `Fix ${key} now`, before: 'b', after: 'a', calls: [{ action: 'iam:UpdateAccessKey', region: 'global', input: { K: key } }], risk: 'safe', ...extra });

function plan(checks: Check[], only?: Set<string>) {
  const inv = inventory();
  const findings = evaluate(checks, inv, { now: NOW, config: DEFAULT_CONFIG });
  return buildPlan({ checks, inventory: inv, findings, config: DEFAULT_CONFIG, inputs: {}, now: NOW, homeRegion: 'us-east-1', source: 'inventory', ...(only ? { only } : {}) });
}

describe('buildPlan', () => {
  it('plans only FAIL resources, and two checks needing the same change share one step', () => {
    const result = plan([make('check-one', (r) => [stepFor(`k:${r.name}`)]), make('check-two', (r) => [stepFor(`k:${r.name}`)])]);
    expect(result.steps.map((s) => [s.key, s.findings.map((f) => `${f.checkId}/${f.resource.name}`)])).toEqual([
      ['k:a', ['check-one/a', 'check-two/a']],
      ['k:c', ['check-one/c', 'check-two/c']],
    ]);
    expect(result.steps[0]?.findings[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(planSchema.parse(JSON.parse(JSON.stringify(result)))).toBeTruthy();
  });

  it('lists what it cannot plan by hand, with the reason', () => {
    const result = plan([
      make('empty-plan', () => []),
      make('throws', () => {
        throw new Error('boom');
      }),
      make('undeclared', (r) => [stepFor(`u:${r.name}`, { calls: [{ action: 'iam:DeleteUser', region: 'global', input: {} }] })]),
    ]);
    expect(result.steps).toEqual([]);
    expect(result.manual.map((m) => [m.checkId, m.resource, m.reason])).toEqual([
      ['empty-plan', 'a', 'the fix cannot be automated for this resource'],
      ['empty-plan', 'c', 'the fix cannot be automated for this resource'],
      ['throws', 'a', 'the fix planner failed: boom'],
      ['throws', 'c', 'the fix planner failed: boom'],
      ['undeclared', 'a', 'the fixer calls iam:DeleteUser, which it does not declare: not planned'],
      ['undeclared', 'c', 'the fixer calls iam:DeleteUser, which it does not declare: not planned'],
    ]);
  });

  it('--from: plans only the findings asked for', () => {
    const check = make('check-one', (r) => [stepFor(`k:${r.name}`)]);
    const all = plan([check]);
    const one = plan([check], new Set([all.steps[1]!.findings[0]!.id]));
    expect(one.steps.map((s) => s.key)).toEqual(['k:c']);
  });

  it('orders steps after their dependencies and refuses a cycle', () => {
    expect(orderSteps([stepFor('alarms', { dependsOn: ['trail'] }), stepFor('trail'), stepFor('other', { dependsOn: ['not-planned'] })]).map((s) => s.key)).toEqual(['trail', 'alarms', 'other']);
    expect(() => orderSteps([stepFor('a', { dependsOn: ['b'] }), stepFor('b', { dependsOn: ['a'] })])).toThrow(/cycle: a → b → a/);
  });

  it('the demo plan holds the reference fixers and validates', () => {
    const inv = demoInventory();
    const findings = evaluate(CHECKS, inv, { now: new Date(inv.collectedAt), config: DEFAULT_CONFIG });
    const demo = buildPlan({ checks: CHECKS, inventory: inv, findings, config: DEFAULT_CONFIG, inputs: {}, now: new Date(inv.collectedAt), homeRegion: 'us-east-1', source: 'demo' });
    expect(demo.steps.map((s) => s.key)).toEqual(expect.arrayContaining(['s3:block-account-public-access:111122223333', 'iam:deactivate-access-key:AKIADEMOOLDETL1XXXXX']));
    expect(new Set(demo.manual.map((m) => m.findingId)).size + demo.steps.reduce((n, s) => n + new Set(s.findings.map((f) => f.id)).size, 0)).toBeGreaterThanOrEqual(findings.filter((f) => f.status === 'FAIL').length);
    expect(planSchema.safeParse(JSON.parse(JSON.stringify(demo))).success).toBe(true);
  });
});
