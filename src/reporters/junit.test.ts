import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { evaluate } from '../core/engine.js';
import { plainFinding, type Finding } from '../core/finding.js';
import { buildReport } from '../core/report.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { JUNIT_DETAIL_LINES, renderJunit } from './junit.js';

const inventory = demoInventory();
const now = new Date(inventory.collectedAt);
const base = buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings: evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG }), failOn: 'low', config: DEFAULT_CONFIG, now });
const failure = plainFinding(base.findings.find((f) => f.status === 'FAIL')!);

/** The same failing check in `accounts` accounts, as a lazy sequence that counts how often it is read. */
function organisation(accounts: number) {
  let reads = 0;
  const findings = {
    *[Symbol.iterator]() {
      reads += 1;
      for (let i = 0; i < accounts; i++) {
        const account = String(200000000000 + i);
        yield { ...failure, id: `${failure.id}-${account}`, resource: { ...failure.resource, account, id: `${failure.resource.id}-${account}` } } satisfies Finding;
      }
    },
  } as unknown as Finding[];
  return { report: { ...base, findings }, reads: () => reads };
}

const named = (xml: string) => xml.split(`${failure.resource.id}-2000`).length - 1;

describe('JUnit', () => {
  it('reads the findings once and counts every failing resource, naming only the first few', () => {
    const accounts = JUNIT_DETAIL_LINES + 50;
    const { report, reads } = organisation(accounts);
    const xml = renderJunit(report);
    expect(reads()).toBe(1);
    expect(xml).toContain(`${accounts} of ${accounts} resources fail`);
    expect(xml).toContain('… and 50 more (see the JSON report)');
    expect(named(xml)).toBe(JUNIT_DETAIL_LINES);
  });

  it('names every resource when there are few', () => {
    const xml = renderJunit(organisation(3).report);
    expect(named(xml)).toBe(3);
    expect(xml).not.toContain('more (see the JSON report)');
  });
});
