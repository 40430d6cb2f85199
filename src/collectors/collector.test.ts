import { describe, expect, it } from 'vitest';
import { readEach } from './collector.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('readEach', () => {
  it('keeps at most inFlight reads running and returns the results in item order', async () => {
    let running = 0;
    let most = 0;
    const results = await readEach(
      Array.from({ length: 50 }, (_, i) => i),
      async (i) => {
        running += 1;
        most = Math.max(most, running);
        await tick();
        running -= 1;
        return i * 2;
      },
      4,
    );
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  it('starts no read after a failure, lets the running ones settle, and raises the first failure', async () => {
    const started: number[] = [];
    let settled = 0;
    const failing = readEach(
      Array.from({ length: 20 }, (_, i) => i),
      async (i) => {
        started.push(i);
        // Read 2 fails first; read 0 fails later but comes first among the items.
        if (i !== 2) await tick();
        settled += 1;
        if (i === 0 || i === 2) throw new Error(`read ${i} failed`);
        return i;
      },
      3,
    );
    await expect(failing).rejects.toThrow('read 0 failed');
    expect(started).toEqual([0, 1, 2]);
    expect(settled).toBe(3);
  });

  it('reads nothing for no items', async () => {
    expect(await readEach([], () => Promise.reject(new Error('never')), 8)).toEqual([]);
  });
});
