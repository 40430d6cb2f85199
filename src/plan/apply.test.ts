import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteps, type Answer, type RunOptions } from './apply.js';
import { Journal, readJournal } from './journal.js';
import { undoPlan } from './undo.js';
import type { FixCall } from '../core/fix-plan.js';
import type { PlannedStep } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-apply-'));
let n = 0;
const call = (name: string): FixCall => ({ action: 'iam:UpdateAccessKey', region: 'global', input: { AccessKeyId: name } });
const step = (key: string, extra: Partial<PlannedStep> = {}): PlannedStep => ({
  key,
  title: `Step ${key} of the test plan`,
  before: 'before',
  after: 'after',
  calls: [call(key)],
  undo: [call(`undo-${key}`)],
  risk: 'safe',
  findings: [{ id: `f-${key}`, checkId: 'iam-user-access-keys-used', resource: { id: key, type: 'AwsIamAccessKey', region: 'global' }, message: 'm', fingerprint: '0'.repeat(64) }],
  ...extra,
});

async function run(steps: PlannedStep[], options: Partial<RunOptions> = {}) {
  const path = join(dir, `j${++n}.jsonl`);
  const journal = await Journal.open(path);
  const calls: string[] = [];
  const results = await runSteps(steps, {
    operation: 'apply',
    execute: (c) => {
      calls.push(String(c.input.AccessKeyId));
      if (String(c.input.AccessKeyId).startsWith('bad')) return Promise.reject(Object.assign(new Error('User is not authorized to perform: iam:UpdateAccessKey'), { name: 'AccessDenied' }));
      return Promise.resolve();
    },
    journal,
    callerArn: 'arn:aws:iam::123456789012:user/fixer',
    concurrency: 4,
    now: () => new Date('2026-11-01T12:00:00Z'),
    ...options,
  });
  await journal.close();
  const outcomes = Object.fromEntries(results.map((r) => [r.step.key, r.outcome]));
  return { results, outcomes, calls, journal: path };
}

describe('runSteps', () => {
  it('partial failure: a failed step skips its dependants, the rest go on, and every outcome is journaled', async () => {
    const { outcomes, results, journal } = await run([step('bad-a'), step('b', { dependsOn: ['bad-a'] }), step('c', { dependsOn: ['b'] }), step('d')]);
    expect(outcomes).toEqual({ 'bad-a': 'failed', b: 'skipped-dependency', c: 'skipped-dependency', d: 'applied' });
    expect(results.find((r) => r.step.key === 'bad-a')).toMatchObject({ reason: 'iam:UpdateAccessKey failed: AccessDenied', calls: [{ ok: false, errorCode: 'AccessDenied' }] });
    expect(results.find((r) => r.step.key === 'b')?.reason).toBe('bad-a did not apply (failed)');
    const entries = await readJournal(journal);
    expect(entries.filter((e) => e.type === 'step').map((e) => e.type === 'step' && e.outcome).sort()).toEqual(['applied', 'failed', 'skipped-dependency', 'skipped-dependency']);
  });

  it('runs a step after its dependencies and independent steps at once, under the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    await run([step('a'), step('b'), step('c'), step('d'), step('e', { dependsOn: ['a', 'b'] })], {
      concurrency: 2,
      execute: async (c) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        order.push(String(c.input.AccessKeyId));
        inFlight--;
      },
    });
    expect(most).toBe(2);
    expect(order.indexOf('e')).toBeGreaterThan(Math.max(order.indexOf('a'), order.indexOf('b')));
  });

  it('a multi-call step that fails halfway says how far it got', async () => {
    const { results } = await run([step('x', { calls: [call('ok-1'), call('bad-2'), call('never')] })]);
    expect(results[0]).toMatchObject({ outcome: 'failed', reason: 'iam:UpdateAccessKey failed after 1 of 3 calls succeeded: AccessDenied' });
    expect(results[0]?.calls.map((c) => c.ok)).toEqual([true, false]);
  });

  it('a tolerated error code is a no-op that did not go through; a call whose output is needed is never tolerated', async () => {
    const tolerated = { ...call('bad-nothing-to-do'), tolerate: ['AccessDenied'] };
    const { results, journal } = await run([
      step('noop', { calls: [tolerated, call('bad-real')] }),
      step('capture', { calls: [{ ...tolerated, capture: ['GroupId'] }] }),
    ]);
    expect(results[0]).toMatchObject({ outcome: 'failed' });
    expect(results[0]?.calls.map((c) => [c.ok, c.errorCode])).toEqual([[true, 'AccessDenied'], [false, 'AccessDenied']]);
    expect(results[1]).toMatchObject({ outcome: 'failed' });
    // Nothing of the failed step changed anything: it is not "partly applied".
    expect(undoPlan(await readJournal(journal)).partial).toEqual([]);
  });

  it('steps missing inputs or dependencies outside the plan do not run', async () => {
    const { outcomes, calls } = await run([step('alarms', { missingInputs: ['--alarm-email'] }), step('after', { dependsOn: ['alarms'] }), step('orphan', { dependsOn: ['cloudtrail:create-trail'] })]);
    expect(outcomes).toEqual({ alarms: 'not-runnable', after: 'skipped-dependency', orphan: 'skipped-dependency' });
    expect(calls).toEqual([]);
  });

  it('drift: a changed resource is skipped, an already fixed one too, an unreadable one fails', async () => {
    const { outcomes, results } = await run([step('changed'), step('resolved'), step('unread'), step('same')], {
      reread: (s) => {
        if (s.key === 'unread') return Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
        return Promise.resolve(s.key === 'same' ? { verdict: 'unchanged', state: { 'f-same': { a: 1 } } } : { verdict: s.key as 'changed' | 'resolved', detail: `${s.key} detail` });
      },
    });
    expect(outcomes).toEqual({ changed: 'skipped-drift', resolved: 'skipped-resolved', unread: 'failed', same: 'applied' });
    expect(results.find((r) => r.step.key === 'changed')?.reason).toBe('changed since the plan: changed detail');
  });

  it('prompts one step at a time: no declines one, all answers the rest', async () => {
    const answers: Answer[] = ['yes', 'no', 'all'];
    const asked: string[] = [];
    const { outcomes } = await run([step('a'), step('b'), step('c'), step('d')], {
      confirm: (s) => {
        asked.push(s.key);
        return Promise.resolve(answers.shift()!);
      },
    });
    expect(asked).toEqual(['a', 'b', 'c']);
    expect(outcomes).toEqual({ a: 'applied', b: 'declined', c: 'applied', d: 'applied' });
  });

  it('quit declines everything not yet asked', async () => {
    const asked: string[] = [];
    const { outcomes, calls } = await run([step('a'), step('b'), step('c')], { confirm: (s) => (asked.push(s.key), Promise.resolve('quit' as const)) });
    expect(asked).toEqual(['a']);
    expect(outcomes).toEqual({ a: 'declined', b: 'declined', c: 'declined' });
    expect(calls).toEqual([]);
  });
});

describe('undoPlan', () => {
  it('reverts applied reversible steps newest first, dependants before what they depend on; names the rest', async () => {
    const { journal } = await run([step('trail'), step('alarms', { dependsOn: ['trail'] }), (({ undo: _undo, ...rest }) => rest)(step('forever')), step('half', { calls: [call('ok'), call('bad')] }), step('bad-x')]);
    const plan = undoPlan(await readJournal(journal));
    expect(plan.steps.map((s) => [s.key, s.dependsOn ?? []])).toEqual([
      ['undo:alarms', []],
      ['undo:trail', ['undo:alarms']],
    ]);
    expect(plan.steps[0]).toMatchObject({ calls: [call('undo-alarms')], before: 'after', after: 'before', title: 'Undo: Step alarms of the test plan' });
    expect(plan.irreversible.map((e) => e.step.key)).toEqual(['forever']);
    expect(plan.partial.map((e) => e.step.key)).toEqual(['half']);
    expect(plan.account).toBe('');
  });

  it('skips steps a previous undo already reverted', async () => {
    const { journal } = await run([step('a'), step('b')]);
    const first = undoPlan(await readJournal(journal));
    const handle = await Journal.open(journal);
    await runSteps(first.steps.filter((s) => s.key === 'undo:b'), { operation: 'undo', appliedOutcome: 'undone', undoes: first.undoes, execute: () => Promise.resolve(), journal: handle, callerArn: 'x', concurrency: 1, now: () => new Date() });
    await handle.close();
    expect(undoPlan(await readJournal(journal)).steps.map((s) => s.key)).toEqual(['undo:a']);
  });
});
