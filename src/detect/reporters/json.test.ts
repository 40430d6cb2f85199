import { describe, expect, it } from 'vitest';
import { demoRecords } from '../../demo/demo-cloudtrail.js';
import { BUILT_IN_RULES, readRuleSources } from '../engine.js';
import { DetectRun } from '../run.js';
import { detectJsonChunks, renderDetectJson } from './json.js';

describe('detect JSON', () => {
  it('written alert by alert is exactly JSON.stringify of the report, with and without alerts', async () => {
    const run = new DetectRun(await readRuleSources([BUILT_IN_RULES]), {});
    run.scanEvents(demoRecords());
    const report = run.finish({ version: 't', now: new Date(0), sources: ['demo'] });
    expect(report.alerts.length).toBeGreaterThan(3);
    expect([...detectJsonChunks(report)].length).toBe(report.alerts.length + 2);
    expect(renderDetectJson(report)).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const empty = { ...report, alerts: [] };
    expect(renderDetectJson(empty)).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });
});
