import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Framework } from './framework.js';
import { frameworkView } from './view.js';

const finding = (checkId: string, status: Finding['status'], resourceId = `r-${checkId}`): Finding => ({
  id: `${checkId}/${resourceId}`,
  checkId,
  title: checkId,
  service: 'iam',
  severity: 'high',
  checklist: [],
  status,
  message: '',
  resource: { id: resourceId, type: 'AwsAccount', region: 'global', account: '123456789012' },
  remediation: { text: '', url: 'https://example.com' },
});

const framework: Framework = {
  id: 'test-1',
  title: 'Test',
  version: '1',
  url: 'https://example.com',
  requirements: [
    { id: '1', section: 'A', title: 'unchecked', automated: false, checks: [] },
    { id: '2', section: 'A', title: 'full', automated: true, checks: ['a', 'b'] },
    { id: '3', section: 'A', title: 'partial', automated: true, checks: ['a'], coverage: 'partial', note: 'only some' },
    { id: '4', section: 'B', title: 'threshold', automated: true, checks: ['a'], thresholds: { accessKeyUnusedDays: 45 } },
    { id: '5', section: 'B', title: 'one event', automated: false, checks: [{ check: 'alarms', resourceSuffix: '/root' }] },
    { id: '6', section: 'B', title: 'not run', automated: true, checks: ['c'] },
  ],
};

describe('frameworkView', () => {
  const selected = new Set(['a', 'b', 'alarms']);

  it('gives each requirement the worst verdict of its checks, MANUAL without checks, NOT_SELECTED when they did not run', () => {
    const view = frameworkView(framework, [finding('a', 'PASS'), finding('b', 'FAIL'), finding('alarms', 'FAIL', 'x/iam'), finding('alarms', 'PASS', 'x/root')], selected, DEFAULT_CONFIG);
    expect(view.requirements.map((r) => [r.id, r.status])).toEqual([['1', 'MANUAL'], ['2', 'FAIL'], ['3', 'MANUAL'], ['4', 'UNKNOWN'], ['5', 'PASS'], ['6', 'NOT_SELECTED']]);
    expect(view.summary).toEqual({ MANUAL: 2, FAIL: 1, UNKNOWN: 1, PASS: 1, NOT_SELECTED: 1 });
  });

  it('never passes a partial mapping, and names what is left to review', () => {
    const r = frameworkView(framework, [finding('a', 'PASS')], selected, DEFAULT_CONFIG).requirements[2]!;
    expect(r).toMatchObject({ status: 'MANUAL', note: 'what Bulwark checks passes; review the rest: only some' });
  });

  it('does not pass a requirement evaluated with looser thresholds than it sets, and passes with its own', () => {
    const loose = frameworkView(framework, [finding('a', 'PASS')], selected, DEFAULT_CONFIG).requirements[3]!;
    expect(loose.note).toBe('passed with looser thresholds than the requirement (thresholds.accessKeyUnusedDays is 90, test-1 asks 45): set them in the config file');
    const strict = { ...DEFAULT_CONFIG, thresholds: { ...DEFAULT_CONFIG.thresholds, accessKeyUnusedDays: 45 } };
    expect(frameworkView(framework, [finding('a', 'PASS')], selected, strict).requirements[3]!.status).toBe('PASS');
  });

  it('does not pass a requirement when only some of its checks ran, but keeps the failure of one that did', () => {
    const onlyA = new Set(['a']);
    expect(frameworkView(framework, [finding('a', 'PASS')], onlyA, DEFAULT_CONFIG).requirements[1]).toMatchObject({ status: 'UNKNOWN', note: 'only some of its checks ran: run b too for a verdict' });
    expect(frameworkView(framework, [finding('a', 'FAIL')], onlyA, DEFAULT_CONFIG).requirements[1]!.status).toBe('FAIL');
  });

  it('keeps UNKNOWN and SUPPRESSED verdicts: neither is a pass', () => {
    const view = frameworkView(framework, [finding('a', 'UNKNOWN'), finding('b', 'SUPPRESSED')], selected, DEFAULT_CONFIG);
    expect(view.requirements[1]!.status).toBe('UNKNOWN');
    expect(frameworkView(framework, [finding('a', 'PASS'), finding('b', 'SUPPRESSED')], selected, DEFAULT_CONFIG).requirements[1]!.status).toBe('SUPPRESSED');
  });
});
