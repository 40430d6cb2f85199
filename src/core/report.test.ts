import { describe, expect, it } from 'vitest';
import { buildReport, exitCode, nothingEvaluated, type FailOn } from './report.js';
import { evaluate } from './engine.js';
import { CHECKS } from '../checks/index.js';
import { selectChecks } from './select.js';
import { accessDenied, inventory, NOW, root, user, withReport } from '../testing/builders.js';
import type { Inventory } from '../inventory/schema.js';
import { DEFAULT_CONFIG } from '../config/schema.js';

function report(inv: Inventory, failOn: FailOn = 'low', filter = {}) {
  const selected = selectChecks(CHECKS, filter);
  return buildReport({ source: 'inventory', inventory: inv, allChecks: CHECKS, selected, findings: evaluate(selected, inv, { now: NOW, config: DEFAULT_CONFIG }), failOn, now: NOW, config: DEFAULT_CONFIG });
}

describe('checklist coverage', () => {
  const item = (r: ReturnType<typeof report>, id: string) => r.checklist.find((i) => i.id === id);

  it('fails an item on one FAIL, and tells "could not tell" apart from "not checked"', () => {
    const r = report(withReport([root(), user('alice'), user('bob', { mfaActive: false })]));
    expect(item(r, 'AS-05')).toMatchObject({ status: 'FAIL', counts: { FAIL: 1, PASS: 1 } });
    expect(item(r, 'AS-01')).toMatchObject({ status: 'PASS' });
    expect(item(r, 'AS-30')).toMatchObject({ status: 'UNKNOWN' }); // security groups not in this inventory
  });

  it('marks items no check serves yet as not yet checked', () => {
    const iamOnly = CHECKS.filter((c) => c.service === 'iam');
    const inv = withReport([root()]);
    const r = buildReport({ source: 'inventory', inventory: inv, allChecks: iamOnly, selected: iamOnly, findings: evaluate(iamOnly, inv, { now: NOW, config: DEFAULT_CONFIG }), failOn: 'low', now: NOW, config: DEFAULT_CONFIG });
    expect(item(r, 'AS-30')).toMatchObject({ status: 'NOT_YET_CHECKED', checks: [] });
  });

  it('marks items whose checks were filtered out as not selected', () => {
    const r = report(withReport([root()]), 'low', { services: ['iam'] });
    expect(item(r, 'AS-30')).toMatchObject({ status: 'NOT_SELECTED', checks: ['ec2-security-group-admin-ports-restricted'] });
  });

  it('ranks UNKNOWN above PASS: a denied read never makes an item pass', () => {
    const r = report(inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), 'low', { services: ['iam'] });
    expect(item(r, 'AS-01')?.status).toBe('UNKNOWN');
    expect(r.missingPermissions).toEqual([{ permission: 'iam:GetCredentialReport', regions: ['global'] }]);
  });
});

describe('exitCode', () => {
  const failing = withReport([root({ mfaActive: false }), user('bob', { mfaActive: false })]); // critical + high FAIL

  it.each([
    ['low', 1],
    ['critical', 1],
    ['none', 0],
  ] as const)('--fail-on %s gives %i', (failOn, code) => {
    expect(exitCode(report(failing, failOn))).toBe(code);
  });

  it('ignores FAILs below the threshold and UNKNOWNs beside verdicts', () => {
    expect(exitCode(report(withReport([root(), user('bob', { mfaActive: false })]), 'critical'))).toBe(0);
    const someUnknown = report(withReport([root()]), 'low', { services: ['iam'] });
    expect(someUnknown.findings.some((f) => f.status === 'UNKNOWN')).toBe(true);
    expect(exitCode(someUnknown)).toBe(0);
  });

  it('fails on any UNKNOWN with --fail-on-unknown', () => {
    const someUnknown = report(withReport([root()]), 'none', { services: ['iam'] });
    expect(exitCode(someUnknown, { failOnUnknown: true })).toBe(1);
    expect(exitCode(report(withReport([root()]), 'low', { checks: ['iam-root-mfa-enabled'] }), { failOnUnknown: true })).toBe(0);
  });

  it('gives 2 when nothing could be evaluated, and says why', () => {
    const denied = report(inventory({ iam: { credentialReport: accessDenied('iam:GetCredentialReport') } }), 'low', { checks: ['iam-root-mfa-enabled', 'iam-user-console-mfa-enabled'] });
    expect(exitCode(denied)).toBe(2);
    expect(nothingEvaluated(denied)).toBe('all 2 findings are UNKNOWN or ERROR: grant iam:GetCredentialReport, or attach the policy bulwark permissions prints');
    const empty = report(inventory(), 'low');
    expect(exitCode(empty)).toBe(2);
    const noRegion = report({ ...withReport([root()]), regions: { scanned: [], skipped: [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }] } }, 'low', { checks: ['iam-root-mfa-enabled'] });
    expect(nothingEvaluated(noRegion)).toBe('no region was scanned (ap-east-1: opt-in region not enabled for this account)');
    // Checks that can only be answered by a person are not "nothing evaluated".
    expect(exitCode(report(inventory(), 'low', { checks: ['account-root-password-manual'] }))).toBe(0);
  });
});
