import { XMLBuilder } from 'fast-xml-parser';
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';

/** Resource lines kept per test case and kind: an organisation's report holds counts, not every finding. */
export const JUNIT_DETAIL_LINES = 200;

class Lines {
  readonly shown: string[] = [];
  count = 0;
  add(line: string): void {
    this.count += 1;
    if (this.shown.length < JUNIT_DETAIL_LINES) this.shown.push(line);
  }
  text(): string {
    const more = this.count - this.shown.length;
    return `${this.shown.join('\n')}${more > 0 ? `\n… and ${more} more (see the JSON report)` : ''}`;
  }
}

interface CaseTally {
  readonly first: Finding;
  total: number;
  readonly failed: Lines;
  readonly errors: Lines;
  /** UNKNOWN and MANUAL, then SUPPRESSED with its reason, as system-out. */
  readonly undecided: Lines;
  readonly suppressed: Lines;
}

const line = (f: Finding, message = f.message) => `${f.status} ${f.resource.region} ${f.resource.id}: ${message}`;

/**
 * JUnit XML: each check is a test case, a suite per service. A FAIL is a failure; ERROR an error;
 * UNKNOWN and MANUAL are skipped (the scan could not decide); SUPPRESSED passes with its reason.
 * The findings are read once, in order (they may be a lazy sequence), into counts per check.
 */
export function renderJunit(report: ScanReport): string {
  const byService = new Map<string, Map<string, CaseTally>>();
  for (const f of report.findings) {
    let checks = byService.get(f.service);
    if (!checks) byService.set(f.service, (checks = new Map<string, CaseTally>()));
    let tally = checks.get(f.checkId);
    if (!tally) checks.set(f.checkId, (tally = { first: f, total: 0, failed: new Lines(), errors: new Lines(), undecided: new Lines(), suppressed: new Lines() }));
    tally.total += 1;
    if (f.status === 'FAIL') tally.failed.add(line(f));
    else if (f.status === 'ERROR') tally.errors.add(line(f));
    else if (f.status === 'UNKNOWN' || f.status === 'MANUAL') tally.undecided.add(line(f));
    else if (f.status === 'SUPPRESSED') tally.suppressed.add(line(f, `${f.message} (accepted: ${f.suppression?.reason ?? ''})`));
  }
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = [...byService].map(([service, checks]) => {
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const testcase = [...checks].map(([checkId, t]) => {
      counts.tests += 1;
      const { first } = t;
      const testCase: Record<string, unknown> = { '@_name': `${checkId}: ${first.title}`, '@_classname': `bulwark.${service}`, '@_time': '0' };
      if (t.failed.count) {
        counts.failures += 1;
        testCase.failure = { '@_message': `${t.failed.count} of ${t.total} resources fail (${first.severity})`, '@_type': first.severity, '#text': `${t.failed.text()}\nFix: ${first.remediation.text} ${first.remediation.url}` };
      } else if (t.errors.count) {
        counts.errors += 1;
        testCase.error = { '@_message': `the check failed on ${t.errors.count} resources`, '#text': t.errors.text() };
      } else if (t.undecided.count) {
        counts.skipped += 1;
        testCase.skipped = { '@_message': `${t.undecided.count} resources could not be decided (unknown or manual)` };
      }
      const notes = [t.undecided, t.suppressed].filter((l) => l.count).map((l) => l.text());
      if (notes.length) testCase['system-out'] = notes.join('\n');
      return testCase;
    });
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
    return { '@_name': service, '@_tests': counts.tests, '@_failures': counts.failures, '@_errors': counts.errors, '@_skipped': counts.skipped, '@_timestamp': report.evaluatedAt, testcase };
  });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: { '@_name': `Bulwark scan of ${report.account.id}`, '@_tests': totals.tests, '@_failures': totals.failures, '@_errors': totals.errors, '@_skipped': totals.skipped, testsuite: suites },
  };
  return `${new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true, processEntities: true }).build(document)}`;
}
