import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from './check.js';
import type { Finding } from './finding.js';
import { reportOrder } from './finding-order.js';
import { SEVERITIES, severityRank, type Severity } from './severity.js';

/** The order as one comparator over one list: what reportOrder must give. */
function byComparator(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.checkId.localeCompare(b.checkId) ||
      a.resource.region.localeCompare(b.resource.region) ||
      a.resource.id.localeCompare(b.resource.id),
  );
}

/** A small deterministic generator, so the test is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function finding(checkId: string, severity: Severity, status: Status, region: string, id: string, n: number): Finding {
  return { id: `f${n}`, checkId, title: checkId, service: 's', severity, checklist: [], remediation: { text: '', url: '' }, status, message: `#${n}`, resource: { id, type: 'T', region, account: '1' } };
}

describe('reportOrder', () => {
  it('orders as one sort by verdict, severity, check, region and resource, ties in evaluation order', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    let n = 0;
    // Some checks share an id (a check selected twice) and some ids differ only in case.
    const checks = Array.from({ length: 12 }, (_, i) => ({ id: pick(['b-check', 'a-check', 'B-check', `c-${i % 4}`]), severity: pick(SEVERITIES) }));
    const groups = checks.map((check) =>
      Array.from({ length: Math.floor(next() * 40) }, () => finding(check.id, check.severity, pick(STATUSES), pick(['global', 'eu-west-1', 'us-east-1']), pick(['r-1', 'r-10', 'R-2', 'r-2', 'é', 'e']), n++)),
    );
    expect(reportOrder(groups).map((f) => f.message)).toEqual(byComparator(groups.flat()).map((f) => f.message));
  });

  it('gives nothing for checks with no findings', () => {
    expect(reportOrder([[], []])).toEqual([]);
  });
});
