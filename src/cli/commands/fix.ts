/**
 * `bulwark fix`: findings → plan → (on --apply) confirm, drift check, apply, journal, re-verify;
 * `--undo JOURNAL` reverts. The engine is src/plan/; this file only wires options, I/O and AWS.
 */
import { CHECKS } from '../../checks/index.js';
import type { AwsContext } from '../../aws/context.js';
import { whoAmI } from '../../aws/identity.js';
import { HOME_REGION } from '../../aws/partition.js';
import { CallStats } from '../../aws/stats.js';
import type { Check } from '../../core/check.js';
import { collectInventory } from '../../core/collect.js';
import type { DataKey } from '../../collectors/keys.js';
import { evaluate } from '../../core/engine.js';
import { UserError } from '../../core/errors.js';
import type { FixInputs } from '../../core/fix-plan.js';
import { neededData, selectChecks, type CheckFilter } from '../../core/select.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { demoInventory } from '../../demo/demo-inventory.js';
import { loadReport } from '../../diff/diff.js';
import { loadInventory } from '../../inventory/load.js';
import type { AccountInfo, Inventory } from '../../inventory/schema.js';
import { neutralise, plural } from '../../lib/text.js';
import type { StepResult } from '../../plan/apply.js';
import { buildPlan } from '../../plan/build.js';
import { sha256, stableJson } from '../../plan/fingerprint.js';
import { inputsFromFlags } from '../../plan/inputs.js';
import { Journal } from '../../plan/journal.js';
import { LiveState } from '../../plan/live-state.js';
import { loadPlan } from '../../plan/load.js';
import { outcomeCounts, planSummary, renderPlan, renderVerification } from '../../plan/render.js';
import type { Plan } from '../../plan/schema.js';
import { applySuppressions } from '../../suppressions/apply.js';
import { loadSuppressions } from '../../suppressions/load.js';
import { colorsFor, type Colors, type Io } from '../io.js';
import { runJournaled, undoJournal } from '../journaled-steps.js';
import { collectLive, connectAws, type LiveOptions } from '../live.js';
import { writeTextFile } from '../outputs.js';

export interface FixOptions extends CheckFilter, Omit<LiveOptions, 'regions'> {
  readonly config?: string;
  readonly demo?: boolean;
  readonly inventory?: string;
  readonly from?: string;
  readonly plan?: string;
  readonly apply?: boolean;
  readonly yes?: boolean;
  readonly undo?: string;
  readonly journal?: string;
  readonly regions?: string[];
  readonly format?: 'console' | 'json';
  readonly output?: string;
  readonly suppressions?: string;
  readonly color: boolean;
  readonly alarmEmail?: string;
  readonly securityContact?: string;
  readonly budgetUsd?: string;
  readonly trailBucket?: string;
  readonly allowCidr?: string;
}

export async function fix(options: FixOptions, io: Io): Promise<number> {
  const sources = [options.demo && '--demo', options.inventory && '--inventory', options.from && '--from', options.plan && '--plan', options.undo && '--undo'].filter(Boolean);
  if (sources.length > 1) throw new UserError(`${sources.join(' and ')} both say what to fix: pass only one`);
  if (options.demo && options.apply) throw new UserError('--demo shows the plan for the demo account and never applies: drop --apply');
  if (options.undo && options.apply) throw new UserError('--undo reverts a journal; it takes no --apply (confirm per step, or pass --yes)');
  if ((options.apply || options.undo) && !options.yes && !(io.stdinIsTTY && io.prompt)) {
    throw new UserError(`${options.undo ? '--undo' : '--apply'} without a terminal needs --yes: nothing is changed without a confirmation`);
  }
  const { config, source: configSource } = await loadConfig(options.config, process.cwd());
  if (configSource) io.stderr.write(`Using config ${configSource}\n`);
  const c = colorsFor(io.stdout, io.env, options.color);
  const stats = new CallStats();
  if (options.undo) return undo(options.undo, options, config, io, c, stats);

  // The flags win over the config file's `fix:` keys; both were validated by the same schema.
  const inputs: FixInputs = { ...(config.fix as FixInputs | undefined), ...inputsFromFlags(options) };
  let plan: Plan;
  let live: { aws: AwsContext; account: AccountInfo & { callerArn: string } } | undefined;
  if (options.plan) plan = await loadPlan(options.plan, CHECKS);
  else {
    const made = await makePlan(options, config, inputs, io, stats);
    [plan, live] = [made.plan, made.live];
  }

  const json = `${JSON.stringify(plan, null, 2)}\n`;
  if (options.format === 'json') {
    if (options.output) {
      await writeTextFile(options.output, json);
      io.stderr.write(`Plan written to ${options.output}: ${planSummary(plan)}\n`);
    } else io.stdout.write(json);
  } else if (options.output) {
    await writeTextFile(options.output, renderPlan(plan, colorsFor(io.stdout, io.env, false)));
    io.stderr.write(`Plan written to ${options.output}\n`);
  } else io.stdout.write(renderPlan(plan, c));

  if (!options.apply) {
    if (plan.steps.length && options.format !== 'json') io.stderr.write(`Nothing was changed. To apply: bulwark fix --format json --output plan.json, review it, then bulwark fix --plan plan.json --apply\n`);
    return 0;
  }
  if (plan.source === 'demo') throw new UserError('this plan is of the demo account: it cannot be applied');
  if (plan.steps.length === 0) {
    io.stderr.write('Nothing to apply.\n');
    return 0;
  }
  live ??= await connect(options, io, stats);
  if (live.account.id !== plan.account.id) throw new UserError(`the plan is for account ${plan.account.id} but the credentials are of ${live.account.id}: nothing was changed`);
  return apply(plan, live, options, config, io, c);
}

async function makePlan(options: FixOptions, config: Config, inputs: FixInputs, io: Io, stats: CallStats) {
  let filter: CheckFilter = options;
  let only: Set<string> | undefined;
  let expectedAccount: string | undefined;
  if (options.from) {
    // A saved report says which findings to fix; the account is read again live before planning.
    const report = await loadReport(options.from);
    const failing = report.findings.filter((f) => f.status === 'FAIL');
    only = new Set(failing.map((f) => f.id));
    expectedAccount = report.account.id;
    const ids = [...new Set(failing.map((f) => f.checkId))].filter((id) => CHECKS.some((c) => c.id === id));
    if (!ids.length) io.stderr.write(`${options.from} has no FAIL finding: nothing to plan\n`);
    filter = { ...options, checks: options.checks?.length ? options.checks.filter((id) => ids.includes(id)) : ids };
  }
  const selected = filter.checks?.length === 0 ? [] : selectChecks(CHECKS, filter);
  if (selected.length === 0 && !options.from) throw new UserError('the filters leave no check to run: see bulwark checks list');
  const suppressionsFile = options.suppressions ?? config.suppressions;
  const suppressions = suppressionsFile ? await loadSuppressions(suppressionsFile) : undefined;
  const regions = options.regions ?? config.regions;

  let inventory: Inventory;
  let source: Plan['source'];
  let live: { aws: AwsContext; account: AccountInfo & { callerArn: string } } | undefined;
  if (options.demo) [inventory, source] = [demoInventory(), 'demo'];
  else if (options.inventory) [inventory, source] = [await loadInventory(options.inventory), 'inventory'];
  else {
    const collected = await collectLive({ ...options, ...(regions ? { regions } : {}) }, fixNeeds(selected), io, stats);
    inventory = collected.inventory;
    source = 'live';
    live = { aws: collected.aws, account: { ...inventory.account, callerArn: inventory.account.callerArn ?? '' } };
  }
  if (expectedAccount && expectedAccount !== inventory.account.id) throw new UserError(`${options.from} is a report of account ${expectedAccount}, but the credentials are of ${inventory.account.id}`);
  const now = io.now?.() ?? new Date();
  const asOf = new Date(inventory.collectedAt);
  const evaluated = evaluate(selected, inventory, { now: asOf, config });
  const findings = suppressions ? applySuppressions(evaluated, suppressions, now.toISOString().slice(0, 10)).findings : evaluated;
  if (only) {
    const stillFailing = findings.filter((f) => only.has(f.id) && f.status === 'FAIL').length;
    if (stillFailing < only.size) io.stderr.write(`${plural(only.size - stillFailing, 'finding')} of ${options.from} no longer fail${only.size - stillFailing === 1 ? 's' : ''} (or were not re-read): not planned\n`);
  }
  const homeRegion = options.region ?? HOME_REGION[inventory.account.partition];
  const plan = buildPlan({ checks: selected, inventory, findings, config, inputs, now: asOf, homeRegion, source, ...(only ? { only } : {}) });
  return { plan: { ...plan, createdAt: now.toISOString() }, live };
}

/** What planning reads: what the checks evaluate, plus what their fixers plan from. */
function fixNeeds(checks: readonly Check[]) {
  return new Set([...neededData(checks), ...checks.flatMap((c) => c.fix?.needs ?? [])]);
}

async function connect(options: FixOptions, io: Io, stats: CallStats) {
  const { aws, stsRegion } = await connectAws({ ...options, regions: options.regions ?? [] }, io, stats);
  return { aws, account: await whoAmI(aws, stsRegion) };
}

function liveState(live: { aws: AwsContext; account: AccountInfo }, homeRegion: string, config: Config, io: Io): LiveState {
  const checks = new Map(CHECKS.map((c) => [c.id, c]));
  const collect = (needs: ReadonlySet<DataKey>, regions: readonly string[]) =>
    collectInventory(live.aws, { account: live.account, homeRegion, regions: { scanned: [...regions], skipped: [] }, needs });
  return new LiveState(collect, checks, config, () => io.now?.() ?? new Date());
}

function defaultJournal(now: Date): string {
  return `bulwark-fix-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl`;
}

async function apply(plan: Plan, live: { aws: AwsContext; account: AccountInfo & { callerArn: string } }, options: FixOptions, config: Config, io: Io, c: Colors): Promise<number> {
  const now = () => io.now?.() ?? new Date();
  const path = options.journal ?? defaultJournal(now());
  const journal = await Journal.open(path);
  const state = liveState(live, plan.homeRegion, config, io);
  state.before(plan.steps);
  io.stderr.write(`Applying ${plural(plan.steps.length, 'step')} to account ${plan.account.id} as ${neutralise(live.account.callerArn)}; journal ${path}\n`);
  let results: StepResult[];
  try {
    await journal.append({ type: 'start', seq: 0, time: now().toISOString(), callerArn: live.account.callerArn, account: plan.account.id, operation: 'apply', planDigest: sha256(stableJson(plan)) });
    results = await runJournaled({ steps: plan.steps, journal, live: { ...live, homeRegion: plan.homeRegion }, operation: 'apply', reread: (step) => state.drift(step), options, io, c });
  } finally {
    await journal.close();
  }
  const applied = results.filter((r) => r.outcome === 'applied').map((r) => r.step);
  const verified = await state.verify(applied);
  io.stdout.write(`\n${renderVerification(verified, c)}`);
  io.stdout.write(`\n${c.bold('Result:')} ${outcomeCounts(results)}. Journal: ${path} (undo with bulwark fix --undo ${path})\n`);
  if (results.some((r) => r.outcome === 'failed')) return 2;
  return verified.some((v) => v.status === 'FAIL') ? 1 : 0;
}

async function undo(path: string, options: FixOptions, config: Config, io: Io, c: Colors, stats: CallStats): Promise<number> {
  const connectLive = async () => {
    const live = await connect(options, io, stats);
    return { ...live, homeRegion: options.region ?? HOME_REGION[live.account.partition] };
  };
  const undone = await undoJournal(path, { operation: 'undo', options, connect: connectLive, io, c });
  if (!undone) return 0;
  const { live, results } = undone;
  const verified = await liveState(live, live.homeRegion, config, io).verify(results.filter((r) => r.outcome === 'undone').map((r) => r.step));
  io.stdout.write(`\n${renderVerification(verified, c, 'undo')}\n${c.bold('Result:')} ${outcomeCounts(results)}. Journal: ${path}\n`);
  return results.some((r) => r.outcome === 'failed') ? 2 : 0;
}

