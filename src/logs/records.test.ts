import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseLogFile, readLogFile, type CloudTrailRecord } from './records.js';

const record = (name: string, extra: Record<string, unknown> = {}) => ({ eventVersion: '1.10', eventTime: '2026-11-20T09:00:00Z', eventSource: 'iam.amazonaws.com', eventName: name, ...extra });
const trail = (...records: unknown[]) => Buffer.from(JSON.stringify({ Records: records }));

describe('parseLogFile', () => {
  it('reads a gzipped trail file, and decodes UTF-8 text as UTF-8 (not as the ASCII fast path)', () => {
    const parsed = parseLogFile(gzipSync(trail(record('CreateUser', { requestParameters: { userName: 'zoë-日本' } }))));
    expect(parsed.problem).toBeUndefined();
    expect(parsed.records).toHaveLength(1);
    expect((parsed.records[0]!.requestParameters as { userName: string }).userName).toBe('zoë-日本');
  });

  it('reads a file of several gzip members, whose trailer gives only the last member’s size', () => {
    const text = JSON.stringify({ Records: Array.from({ length: 200 }, (_, i) => record(`Call${i}`)) });
    const cut = text.length - 10;
    const data = Buffer.concat([gzipSync(text.slice(0, cut)), gzipSync(text.slice(cut))]);
    expect(parseLogFile(data).records).toHaveLength(200);
  });

  it('is not misled by a trailer that lies about the size', () => {
    const data = gzipSync(trail(record('A'), record('B')));
    const huge = Buffer.from(data);
    huge.writeUInt32LE(0xffffffff, huge.length - 4);
    const tiny = Buffer.from(data);
    tiny.writeUInt32LE(1, tiny.length - 4);
    // zlib checks the size itself: a lie is a corrupt file, named in one line, not a crash or a huge allocation.
    for (const bad of [huge, tiny]) {
      const parsed = parseLogFile(bad);
      expect(parsed.records).toEqual([]);
      expect(parsed.problem).toMatch(/^not valid gzip/);
    }
  });

  it('names a truncated gzip file', () => {
    const data = gzipSync(trail(record('A')));
    expect(parseLogFile(data.subarray(0, data.length - 12)).problem).toMatch(/^not valid gzip/);
  });

  it('reads a trail file one record at a time, and gives what parsing it whole gives', () => {
    const records = [record('A', { requestParameters: { items: [{ a: '},{"eventVersion":' }] } }), record('B'), { eventVersion: '1.10', note: 'not a record' }, record('C')];
    const seen: CloudTrailRecord[] = [];
    const summary = readLogFile(trail(...records), { visit: (r) => seen.push(r), restart: () => (seen.length = 0) });
    expect(summary).toEqual({ skipped: 1, bytes: trail(...records).length });
    expect(seen).toEqual([records[0], records[1], records[3]]);
  });

  it('falls back to the whole file when a record nests what looks like the start of the next one', () => {
    const nested = record('A', { requestParameters: { items: [{ x: 1 }, { eventVersion: 'inner' }] } });
    const data = trail(nested, record('B'));
    let restarts = 0;
    const seen: CloudTrailRecord[] = [];
    readLogFile(data, { visit: (r) => seen.push(r), restart: () => ((seen.length = 0), restarts++) });
    expect(seen).toEqual([nested, record('B')]);
    expect(parseLogFile(data).records).toEqual([nested, record('B')]);
    expect(restarts).toBe(1);
  });

  it('counts none of the records of a file cut short, even those read before the cut', () => {
    const text = trail(record('A'), record('B'), record('C')).toString();
    const parsed = parseLogFile(Buffer.from(text.slice(0, -40)));
    expect(parsed.records).toEqual([]);
    expect(parsed.problem).toMatch(/^not valid JSON/);
  });

  it('takes the last of two "Records" keys, as JSON.parse does', () => {
    const data = Buffer.from(`{"Records":[${JSON.stringify(record('A'))}],"Records":[${JSON.stringify(record('B'))}]}`);
    expect(parseLogFile(data).records).toEqual([record('B')]);
  });

  it('reads records whose keys come in different orders', () => {
    const other = { eventTime: '2026-11-20T09:00:00Z', eventSource: 'iam.amazonaws.com', eventName: 'D' };
    expect(parseLogFile(trail(record('A'), other, record('B'))).records).toEqual([record('A'), other, record('B')]);
  });
});
