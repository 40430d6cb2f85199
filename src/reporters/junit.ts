import { XMLBuilder } from 'fast-xml-parser';
import type { ScanReport } from '../core/report.js';
import { groupBy } from '../lib/group-by.js';

/**
 * JUnit XML: each check is a test case, a suite per service. A FAIL is a failure; ERROR an error;
 * UNKNOWN and MANUAL are skipped (the scan could not decide); SUPPRESSED passes with its reason.
 */
export function renderJunit(report: ScanReport): string {
  const byService = groupBy(report.findings, (f) => f.service);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = [...byService].map(([service, serviceFindings]) => {
    const counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const testcase = [...groupBy(serviceFindings, (f) => f.checkId)].map(([checkId, findings]) => {
      counts.tests += 1;
      const failed = findings.filter((f) => f.status === 'FAIL');
      const errors = findings.filter((f) => f.status === 'ERROR');
      const undecided = findings.filter((f) => f.status === 'UNKNOWN' || f.status === 'MANUAL');
      const suppressed = findings.filter((f) => f.status === 'SUPPRESSED');
      const detail = (list: typeof findings) => list.map((f) => `${f.status} ${f.resource.region} ${f.resource.id}: ${f.message}`).join('\n');
      const testCase: Record<string, unknown> = { '@_name': `${checkId}: ${findings[0]!.title}`, '@_classname': `bulwark.${service}`, '@_time': '0' };
      if (failed.length) {
        counts.failures += 1;
        testCase.failure = { '@_message': `${failed.length} of ${findings.length} resources fail (${findings[0]!.severity})`, '@_type': findings[0]!.severity, '#text': `${detail(failed)}\nFix: ${findings[0]!.remediation.text} ${findings[0]!.remediation.url}` };
      } else if (errors.length) {
        counts.errors += 1;
        testCase.error = { '@_message': `the check failed on ${errors.length} resources`, '#text': detail(errors) };
      } else if (undecided.length) {
        counts.skipped += 1;
        testCase.skipped = { '@_message': `${undecided.length} resources could not be decided (unknown or manual)` };
      }
      const notes = [...undecided, ...suppressed.map((f) => ({ ...f, message: `${f.message} (accepted: ${f.suppression?.reason ?? ''})` }))];
      if (notes.length) testCase['system-out'] = detail(notes);
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
