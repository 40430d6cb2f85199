import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createMatcher, loadRules } from './engine.js';
import { scanFile } from './scan-file.js';

const rules = `title: Any GetParameter
id: 00000000-0000-4000-8000-000000000001
logsource: { product: aws, service: cloudtrail }
detection: { selection: { eventName: GetParameter }, condition: selection }
level: medium
`;
const index = createMatcher(loadRules([{ file: 'r.yml', text: rules }]), () => true);
const record = (time: string, id: string) => ({ eventVersion: '1.10', eventTime: time, eventSource: 'ssm.amazonaws.com', eventName: 'GetParameter', eventID: id });
const file = (...records: unknown[]) => gzipSync(JSON.stringify({ Records: records }));

describe('scanFile', () => {
  it('returns the matches in event time order, those of the same time in file order', () => {
    const result = scanFile(index, file(record('2026-11-20T09:00:02Z', 'c'), record('2026-11-20T09:00:01Z', 'a'), record('2026-11-20T09:00:01Z', 'b')), {});
    expect(result.events).toBe(3);
    expect(result.matches.map((m) => m.event.eventID)).toEqual(['a', 'b', 'c']);
  });

  it('counts no event of a file that turns out not to be valid JSON part-way', () => {
    const text = JSON.stringify({ Records: [record('2026-11-20T09:00:01Z', 'a'), record('2026-11-20T09:00:02Z', 'b')] });
    const result = scanFile(index, gzipSync(text.slice(0, -30)), {});
    expect(result).toMatchObject({ events: 0, matches: [] });
    expect(result.problem).toMatch(/^not valid JSON/);
  });

  it('counts the records outside --since/--until apart', () => {
    const result = scanFile(index, file(record('2026-11-20T09:00:01Z', 'a'), record('2026-11-21T09:00:01Z', 'b')), { until: Date.parse('2026-11-21T00:00:00Z') });
    expect(result).toMatchObject({ events: 1, outside: 1 });
    expect(result.matches.map((m) => m.event.eventID)).toEqual(['a']);
  });
});
