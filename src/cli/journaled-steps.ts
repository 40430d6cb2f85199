/**
 * Running planned steps with every decision on the journal, the same for `fix` and `respond`, apply
 * and undo: who approved what (`--yes` or each answer at the prompt), each call just before it is
 * sent, and each step's result. A journal then says what was asked for even when a call hangs.
 */
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import { executeCall } from '../fixers/execute.js';
import { neutralise, plural } from '../lib/text.js';
import { runSteps, type RunOptions, type StepResult } from '../plan/apply.js';
import { sha256, stableJson } from '../plan/fingerprint.js';
import { Journal, readJournal } from '../plan/journal.js';
import { describeCall, renderResult } from '../plan/render.js';
import type { PlannedStep } from '../plan/schema.js';
import { undoPlan, wentThrough } from '../plan/undo.js';
import { stepConfirmer } from './confirm-steps.js';
import type { Colors, Io } from './io.js';

export interface LiveAccount {
  readonly aws: AwsContext;
  readonly account: { readonly id: string; readonly callerArn: string };
  readonly homeRegion: string;
}

export interface JournaledRun extends Pick<RunOptions, 'operation' | 'undoes' | 'appliedOutcome' | 'reread'> {
  readonly steps: readonly PlannedStep[];
  readonly journal: Journal;
  readonly live: LiveAccount;
  readonly options: { readonly yes?: boolean | undefined; readonly concurrency: number };
  readonly io: Io;
  readonly c: Colors;
  readonly onResult?: (result: StepResult) => void;
}

export async function runJournaled(run: JournaledRun): Promise<StepResult[]> {
  const { steps, journal, live, options, io, c } = run;
  const callerArn = live.account.callerArn;
  const now = () => io.now?.() ?? new Date();
  const approve = (keys: readonly string[], by: 'yes-flag' | 'prompt') => journal.append({ type: 'approval', seq: journal.nextSeq(), time: now().toISOString(), callerArn, by, steps: [...keys] });
  if (options.yes) await approve(steps.map((s) => s.key), 'yes-flag');
  return runSteps(steps, {
    operation: run.operation,
    ...(run.undoes ? { undoes: run.undoes } : {}),
    ...(run.appliedOutcome ? { appliedOutcome: run.appliedOutcome } : {}),
    ...(run.reread ? { reread: run.reread } : {}),
    execute: (call) => executeCall(live.aws, call, live.homeRegion),
    journal,
    callerArn,
    concurrency: options.concurrency,
    now,
    beforeCall: (step, call) => journal.append({ type: 'call', seq: journal.nextSeq(), time: now().toISOString(), callerArn, step: step.key, call }),
    ...(options.yes ? {} : { confirm: stepConfirmer(steps, io, c, (keys) => approve(keys, 'prompt')) }),
    onResult: (result) => {
      run.onResult?.(result);
      io.stdout.write(renderResult(result, c));
    },
  });
}

export interface UndoRun<L extends LiveAccount> {
  /** The journal's `start` operation: `undo` for fix, `respond-undo` for respond. */
  readonly operation: string;
  readonly options: { readonly yes?: boolean | undefined; readonly concurrency: number };
  readonly connect: () => Promise<L>;
  readonly io: Io;
  readonly c: Colors;
}

/** `--undo JOURNAL`: the applied, reversible steps reverted newest first, on the same journal. Undefined when there is nothing to undo. */
export async function undoJournal<L extends LiveAccount>(path: string, run: UndoRun<L>): Promise<{ live: L; results: StepResult[] } | undefined> {
  const { io, c } = run;
  const reverting = undoPlan(await readJournal(path));
  for (const entry of reverting.irreversible) io.stdout.write(`  ${c.yellow('- not undone')}  ${neutralise(entry.step.title)} (journal line ${entry.seq}): ${neutralise(entry.step.riskNote ?? 'irreversible: revert by hand')}\n`);
  for (const entry of reverting.partial) io.stdout.write(`  ${c.red('! partly applied')}  ${neutralise(entry.step.title)}: ${entry.calls.filter(wentThrough).map(describeCall).join('; ')} went through; check and revert by hand\n`);
  if (reverting.steps.length === 0) {
    io.stdout.write('Nothing to undo: the journal holds no applied, reversible step that is not undone already.\n');
    return undefined;
  }
  const live = await run.connect();
  if (live.account.id !== reverting.account) throw new UserError(`the journal is of account ${reverting.account} but the credentials are of ${live.account.id}: nothing was changed`);
  io.stdout.write(`${c.bold(`Undoing ${plural(reverting.steps.length, 'step')}`)} of ${path}, newest first\n`);
  const journal = await Journal.open(path);
  try {
    const time = (io.now?.() ?? new Date()).toISOString();
    await journal.append({ type: 'start', seq: 0, time, callerArn: live.account.callerArn, account: live.account.id, operation: run.operation, planDigest: sha256(stableJson(reverting.steps)) });
    const results = await runJournaled({ steps: reverting.steps, journal, live, operation: 'undo', appliedOutcome: 'undone', undoes: reverting.undoes, options: run.options, io, c });
    return { live, results };
  } finally {
    await journal.close();
  }
}
