import { describe, expect, it } from 'vitest';
import { inLane, laneOf, Lanes } from './lanes.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function run<T>(lanes: Lanes, lane: string, task: () => Promise<T>): Promise<T> {
  await lanes.acquire(lane);
  try {
    return await task();
  } finally {
    lanes.release();
  }
}

describe('Lanes', () => {
  it('never runs more than the limit at once and leaves no slot idle while work waits', async () => {
    const lanes = new Lanes(3);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => run(lanes, `lane-${i % 4}`, task)));
    expect(peak).toBe(3);
    expect(active).toBe(0);
  });

  it('gives a freed slot to the next lane in turn, so a short lane does not wait behind a long one', async () => {
    const lanes = new Lanes(1);
    const order: string[] = [];
    const task = (name: string) => () => {
      order.push(name);
      return tick();
    };
    const long = Array.from({ length: 5 }, (_, i) => run(lanes, 's3 buckets', task(`bucket-${i}`)));
    const short = [run(lanes, 'credential report', task('generate')), run(lanes, 'credential report', task('get'))];
    await Promise.all([...long, ...short]);
    expect(order).toEqual(['bucket-0', 'bucket-1', 'generate', 'bucket-2', 'get', 'bucket-3', 'bucket-4']);
  });

  it('hands a released slot on, and keeps it free when nobody waits', async () => {
    const lanes = new Lanes(1);
    await lanes.acquire('a');
    let second = false;
    const waiting = lanes.acquire('b').then(() => (second = true));
    await tick();
    expect(second).toBe(false);
    lanes.release();
    await waiting;
    lanes.release();
    await lanes.acquire('c');
    lanes.release();
  });
});

describe('inLane', () => {
  it('names the lane of every call made inside, across awaits', async () => {
    expect(laneOf('iam')).toBe('iam');
    const seen = await inLane('s3.buckets', async () => {
      await tick();
      return laneOf('s3');
    });
    expect(seen).toBe('s3.buckets');
  });
});
