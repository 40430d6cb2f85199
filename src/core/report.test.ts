import { describe, expect, it } from 'vitest';
import { buildReport, exitCode, type FailOn } from './report.js';
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

  it('ignores FAILs below the threshold and UNKNOWNs', () => {
    expect(exitCode(report(withReport([root(), user('bob', { mfaActive: false })]), 'critical'))).toBe(0);
    expect(exitCode(report(inventory(), 'low'))).toBe(0);
  });
});
