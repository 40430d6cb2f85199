/**
 * The table-driven check tester. It refuses a table without a PASS, a FAIL and an UNKNOWN case,
 * and runs each case through the real engine, so ids, resources and UNKNOWN handling are covered too.
 */
import { describe, expect, it } from 'vitest';
import type { Check, Status } from '../core/check.js';
import { evaluate } from '../core/engine.js';
import type { Inventory } from '../inventory/schema.js';
import { accessDenied, inventory, NOW, scanned, withSecrets } from './builders.js';
import { collected } from '../core/fact.js';
import type { GuardRails } from '../inventory/schema.js';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';
import type { FixInputs, FixRisk } from '../core/fix-plan.js';
import { buildPlan } from '../plan/build.js';

/** `[status, resource name or id, message pattern?]` for each finding the case must produce, in any order. */
export type Expected = readonly [Status, string, RegExp?];

export interface CheckCase {
  readonly name: string;
  readonly inventory: Inventory;
  /** Overrides of the default config for this case. */
  readonly config?: Config;
  readonly expect: readonly Expected[];
  /**
   * For a fixable check, required on every case with a FAIL: the steps the plan must hold, in
   * plan order (`[]` when the FAILs are listed for fixing by hand).
   */
  readonly plan?: readonly ExpectedStep[];
  /** Fix inputs (flags) for this case's plan. */
  readonly inputs?: FixInputs;
}

export interface ExpectedStep {
  readonly key: string;
  readonly risk: FixRisk;
  /** The actions of the step's calls, in order. */
  readonly calls: readonly string[];
  /** A step without undo calls must say so. */
  readonly irreversible?: true;
  readonly missingInputs?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly riskNote?: RegExp;
}

export function testCheck(check: Check, cases: readonly CheckCase[]): void {
  describe(check.id, () => {
    it('has a PASS, a FAIL and an UNKNOWN case in its table', () => {
      const statuses = new Set(cases.flatMap((c) => c.expect.map(([status]) => status)));
      for (const required of ['PASS', 'FAIL', 'UNKNOWN'] as const) expect(statuses, `no ${required} case`).toContain(required);
    });

    if (check.fix) {
      it('asserts the fix plan of every case with a FAIL', () => {
        const unasserted = cases.filter((c) => c.expect.some(([status]) => status === 'FAIL') && !c.plan).map((c) => c.name);
        expect(unasserted, 'a fixable check must assert the plan of its FAIL cases (add `plan: [...]`)').toEqual([]);
      });
    }

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
      const findings = evaluate([check], testCase.inventory, { now: NOW, config: testCase.config ?? DEFAULT_CONFIG });
      if (testCase.plan) expectPlan(check, testCase, findings);
      const actual = findings.map((f) => ({ status: f.status, resource: f.resource.name ?? f.resource.id, message: f.message }));
      expect(actual.map((f) => [f.status, f.resource]).sort()).toEqual(testCase.expect.map(([status, resource]) => [status, resource]).sort());
      for (const [status, resource, pattern] of testCase.expect) {
        if (!pattern) continue;
        const finding = actual.find((f) => f.status === status && f.resource === resource);
        expect(finding?.message).toMatch(pattern);
      }
      for (const finding of findings) {
        expect(finding.message.length, 'a message names what was observed').toBeGreaterThan(10);
        expect(finding.resource.account).toBe(testCase.inventory.account.id);
      }
    });
  });
}

function expectPlan(check: Check, testCase: CheckCase, findings: ReturnType<typeof evaluate>): void {
  const plan = buildPlan({ checks: [check], inventory: testCase.inventory, findings, config: testCase.config ?? DEFAULT_CONFIG, inputs: testCase.inputs ?? {}, now: NOW, homeRegion: 'us-east-1', source: 'inventory' });
  const failing = findings.filter((f) => f.status === 'FAIL').length;
  const covered = new Set([...plan.steps.flatMap((s) => s.findings.map((f) => f.id)), ...plan.manual.map((m) => m.findingId)]);
  expect(covered.size, 'every FAIL is planned or listed for fixing by hand').toBe(failing);
  const actual = plan.steps.map((step) => ({
    key: step.key,
    risk: step.risk,
    calls: step.calls.map((c) => c.action),
    ...(step.undo?.length ? {} : { irreversible: true }),
    ...(step.missingInputs?.length ? { missingInputs: step.missingInputs } : {}),
    ...(step.dependsOn?.length ? { dependsOn: step.dependsOn } : {}),
  }));
  const expected = (testCase.plan ?? []).map(({ riskNote: _note, ...rest }) => rest);
  expect(actual).toEqual(expected);
  for (const [i, step] of plan.steps.entries()) {
    const note = testCase.plan?.[i]?.riskNote;
    if (note) expect(step.riskNote).toMatch(note);
    expect(step.title.length, 'a step title says what it does').toBeGreaterThan(10);
  }
  if (check.fix?.manual === undefined) expect(plan.manual.filter((m) => m.reason?.startsWith('the fixer calls')), 'a fixer calls only the actions it declares').toEqual([]);
}

/** A per-region on/off guard rail (Config, Security Hub, Access Analyzer): on, off, unreadable and denied regions. */
/** `plan`: for a fixable guard rail, the steps planned for the region where it is off (us-east-1). */
export function testGuardRailCheck(check: Check, field: keyof GuardRails, operation: string, plan?: readonly ExpectedStep[]): void {
  const on: GuardRails = { configRecording: collected(true), securityHub: collected(true), accessAnalyzer: collected(true) };
  testCheck(check, [
    {
      name: 'on, off, unreadable, region denied',
      inventory: inventory({
        regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'],
        guardRails: {
          regions: {
            'eu-west-1': collected(on),
            'us-east-1': collected({ ...on, [field]: collected(false) }),
            'us-west-2': collected({ ...on, [field]: accessDenied(operation) }),
            'ap-south-1': accessDenied(operation),
          },
        },
      }),
      expect: [
        ['PASS', '123456789012 in eu-west-1', /is on in eu-west-1/],
        ['FAIL', '123456789012 in us-east-1', /is off in us-east-1/],
        ['UNKNOWN', '123456789012 in us-west-2'],
        ['UNKNOWN', 'ap-south-1'],
      ],
      ...(plan ? { plan } : {}),
    },
  ]);
}

/** A check over resources scanned for secrets: clean, leaky (redacted hits named), and a denied region. */
export function testSecretsCheck(check: Check, key: keyof Inventory['secrets'], kind: string, operation: string): void {
  const hits = [
    { type: 'AWS access key id', preview: 'AKIA… (20 chars)', name: 'AWS_ACCESS_KEY_ID', line: 3 },
    { type: 'plaintext secret', preview: 'hu… (8 chars)', name: 'DB_PASSWORD' },
  ];
  testCheck(check, [
    { name: 'nothing found', inventory: withSecrets(key, { 'eu-west-1': collected([scanned('clean', kind)]) }), expect: [['PASS', 'clean', /holds no secret we can recognise/]] },
    {
      name: 'a key pair and a named password, redacted',
      inventory: withSecrets(key, { 'eu-west-1': collected([scanned('leaky', kind, hits)]) }),
      expect: [['FAIL', 'leaky', new RegExp(`^${kind} leaky holds AWS access key id AKIA… \\(20 chars\\) in AWS_ACCESS_KEY_ID on line 3; plaintext secret hu… \\(8 chars\\) in DB_PASSWORD$`)]],
    },
    { name: 'denied in one region', inventory: withSecrets(key, { 'eu-west-1': accessDenied(operation) }), expect: [['UNKNOWN', 'eu-west-1', new RegExp(`grant ${operation}`)]] },
  ]);
}

/** A check no API can answer: it must ask its question about the account as MANUAL, never PASS. */
export function testManualCheck(check: Check): void {
  describe(check.id, () => {
    it('asks a MANUAL question about the account, whatever the inventory holds', () => {
      const findings = evaluate([check], inventory(), { now: NOW, config: DEFAULT_CONFIG });
      expect(findings.map((f) => [f.status, f.resource.id])).toEqual([['MANUAL', 'AWS::::Account:123456789012']]);
      expect(findings[0]?.message).toMatch(/^Ask: .+\?$/);
      expect(check.needs).toEqual([]);
    });
  });
}
