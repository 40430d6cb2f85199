import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from './heap-growth.js';

/**
 * About 60 MiB stays live while ten times as much becomes garbage, as over many accounts; prints
 * the peak heap in MiB. Run in a child so the flag does not change the test runner's own heap.
 */
const churn = (bound: boolean) => `
  ${bound ? "const { boundHeapGrowth } = await import('./src/lib/heap-growth.ts'); boundHeapGrowth([], '');" : ''}
  const live = []; for (let i = 0; i < 500000; i++) live.push({ a: 'x' + i, b: [i, i + 1] });
  let peak = 0, junk;
  for (let r = 0; r < 80; r++) { junk = []; for (let i = 0; i < 50000; i++) junk.push({ s: 'y' + i + r, n: [i] }); peak = Math.max(peak, process.memoryUsage().heapTotal); }
  console.log(Math.round(peak / 1048576), live.length, junk.length);`;

function peakHeapMiB(bound: boolean): number {
  // A large old space, as on a machine with memory to spare: V8's default factor is then its highest.
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', '--input-type=module', '-e', churn(bound)], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(run.stderr).toBe('');
  return Number(run.stdout.split(' ')[0]);
}

describe('boundHeapGrowth', () => {
  it('keeps the heap near what is live while garbage is made, where V8 alone lets it grow far past', () => {
    const unbounded = peakHeapMiB(false);
    const bounded = peakHeapMiB(true);
    expect(unbounded).toBeGreaterThan(bounded * 1.4);
  }, 120_000);

  it("leaves a factor the user chose alone", () => {
    expect(boundHeapGrowth(['--heap-growing-percent=20'], '')).toBe(false);
    expect(boundHeapGrowth([], '--max-old-space-size=900 --heap_growing_percent=80')).toBe(false);
  });
});
