/**
 * The table-driven check tester. It refuses a table without a PASS, a FAIL and an UNKNOWN case,
 * and runs each case through the real engine, so ids, resources and UNKNOWN handling are covered too.
 */
import { describe, expect, it } from 'vitest';
import type { Check, Status } from '../core/check.js';
import { evaluate } from '../core/engine.js';
import type { Inventory } from '../inventory/schema.js';
import { inventory, NOW } from './builders.js';
import { DEFAULT_CONFIG, type Config } from '../config/schema.js';

/** `[status, resource name or id, message pattern?]` for each finding the case must produce, in any order. */
export type Expected = readonly [Status, string, RegExp?];

export interface CheckCase {
  readonly name: string;
  readonly inventory: Inventory;
  /** Overrides of the default config for this case. */
  readonly config?: Config;
  readonly expect: readonly Expected[];
}

export function testCheck(check: Check, cases: readonly CheckCase[]): void {
  describe(check.id, () => {
    it('has a PASS, a FAIL and an UNKNOWN case in its table', () => {
      const statuses = new Set(cases.flatMap((c) => c.expect.map(([status]) => status)));
      for (const required of ['PASS', 'FAIL', 'UNKNOWN'] as const) expect(statuses, `no ${required} case`).toContain(required);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
      const findings = evaluate([check], testCase.inventory, { now: NOW, config: testCase.config ?? DEFAULT_CONFIG });
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
