import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EventSpool } from './event-spool.js';
import type { Event } from './sigma/fields.js';

const event = (i: number, pad = 0): Event => ({ eventID: `e-${i}`, eventTime: '2026-11-20T09:00:00Z', requestParameters: { name: `p-${i}`, text: 'x'.repeat(pad), unicode: 'é ✓ \ud83d\ude00' }, n: i, ok: true, none: null });

describe('EventSpool', () => {
  it('gives every list back its events, in order, as they were', () => {
    const spool = new EventSpool();
    const a: Event[] = [];
    const b: Event[] = [];
    for (let i = 0; i < 10; i++) spool.keep(i % 3 ? a : b, event(i));
    expect(a).toHaveLength(6);
    spool.restore();
    expect(a).toEqual([1, 2, 4, 5, 7, 8].map((i) => event(i)));
    expect(b).toEqual([0, 3, 6, 9].map((i) => event(i)));
  });

  it('spills past its buffer to a file and reads it all back, an event larger than the buffer included', () => {
    const spool = new EventSpool();
    const lists: Event[][] = Array.from({ length: 7 }, () => []);
    const count = 4_000;
    for (let i = 0; i < count; i++) spool.keep(lists[i % 7]!, event(i, i === 1234 ? 3 * 1024 * 1024 : 500));
    spool.restore();
    expect(lists.flat()).toHaveLength(count);
    lists.forEach((list, k) => list.forEach((e, j) => expect(e).toEqual(event(k + 7 * j, k + 7 * j === 1234 ? 3 * 1024 * 1024 : 500))));
  });

  it('leaves nothing in the temporary folder once restored', () => {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-spool-test-'));
    vi.stubEnv('TMPDIR', root);
    try {
      const spool = new EventSpool();
      const list: Event[] = [];
      for (let i = 0; i < 3_000; i++) spool.keep(list, event(i, 500));
      spool.restore();
      expect(list).toHaveLength(3_000);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
