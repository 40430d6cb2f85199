import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressLine } from './progress.js';
import { CallStats } from '../aws/stats.js';
import { colorsFor } from './io.js';

afterEach(() => vi.useRealTimers());

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 120, write: (text: string) => writes.push(text) };
}

describe('ProgressLine', () => {
  it('redraws one line on a terminal with tasks, API calls and time, and clears it at the end', () => {
    vi.useFakeTimers();
    const out = stream(true);
    const stats = new CallStats();
    const progress = new ProgressLine(out, stats);
    progress.start();
    progress.taskStarted('iam.credentialReport');
    progress.taskStarted('ec2.securityGroups eu-west-1');
    progress.taskDone('iam.credentialReport');
    stats.recordCall('iam:GetCredentialReport', 10, false);
    vi.advanceTimersByTime(130);
    // eslint-disable-next-line no-control-regex
    expect(out.writes.at(-1)).toMatch(/^\r\u001b\[2K. Collecting 1\/2 · 1 API calls · [\d.]+s · ec2\.securityGroups eu-west-1/);
    expect(out.writes.at(-1)!.length).toBeLessThanOrEqual(120 + 5);
    progress.stop();
    expect(out.writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    vi.useFakeTimers();
    const out = stream(false);
    const progress = new ProgressLine(out, new CallStats());
    progress.start();
    progress.taskStarted('x');
    vi.advanceTimersByTime(1000);
    progress.stop();
    expect(out.writes).toEqual([]);
  });
});

describe('colorsFor', () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { isTTY: false, write: () => true };
  const colored = (c: ReturnType<typeof colorsFor>) => c.red('x') !== 'x';

  it.each([
    ['a terminal', tty, {}, true, true],
    ['a pipe, even under CI', pipe, { CI: 'true' }, true, false],
    ['NO_COLOR on a terminal', tty, { NO_COLOR: '1' }, true, false],
    ['FORCE_COLOR on a pipe', pipe, { FORCE_COLOR: '1' }, true, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, true, false],
    ['TERM=dumb', tty, { TERM: 'dumb' }, true, false],
    ['--no-color', tty, {}, false, false],
  ] as const)('%s', (_name, target, env, allowed, expected) => {
    expect(colored(colorsFor(target, env, allowed))).toBe(expected);
  });
});
