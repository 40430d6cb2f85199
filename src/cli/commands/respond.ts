/**
 * `bulwark respond`: scope (read-only) → containment plan (fix's engine) → on --apply: confirm,
 * drift check, apply, journal → recover checklist → report → evidence folder. `--undo JOURNAL`
 * reverts; `respond verify-journal FILE` checks a journal's hash chain. This file wires options,
 * I/O and AWS; the pieces are in src/respond/ and src/plan/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsContext } from '../../aws/context.js';
import { whoAmI } from '../../aws/identity.js';
import { HOME_REGION } from '../../aws/partition.js';
import { planRegions } from '../../aws/regions.js';
import { CallStats } from '../../aws/stats.js';
import { UserError } from '../../core/errors.js';
import { demoIncident } from '../../demo/demo-incident.js';
import { redactEvent } from '../../detect/redact.js';
import type { Event } from '../../detect/sigma/fields.js';
import type { AccountInfo } from '../../inventory/schema.js';
import { neutralise, plural } from '../../lib/text.js';
import { sha256, stableJson } from '../../plan/fingerprint.js';
import { Journal, verifyJournal } from '../../plan/journal.js';
import { planContainment, selectSteps, type ContainmentPlan } from '../../respond/contain.js';
import { prepareEvidenceDir, writeEvidence, type EvidenceFile } from '../../respond/evidence.js';
import { readScope } from '../../respond/read-scope.js';
import { recoverChecklist, RECOVER_ITEMS, type RecoverFacts, type RecoverItem } from '../../respond/recover.js';
import { readRecoverFacts } from '../../respond/recover-read.js';
import { containedStep, respondReport, type ContainedStep, type RespondReport } from '../../respond/report.js';
import { renderRespond, RESPOND_FORMAT_NAMES, type RespondFormat } from '../../respond/reporters/index.js';
import { respondDrift } from '../../respond/reread.js';
import type { EventSource, ScopeResult } from '../../respond/scope-options.js';
import { checkSuspects, parseSince, suspectsFromAlerts } from '../../respond/suspects.js';
import { DEMO_REMAINING_KEYS, DEMO_ROOT_MFA } from '../../demo/demo-incident.js';
import { colorsFor, type Colors, type Io } from '../io.js';
import { runJournaled, undoJournal } from '../journaled-steps.js';
import { connectAws, type LiveOptions } from '../live.js';
import { writeTextFile } from '../outputs.js';

export interface RespondOptions extends Omit<LiveOptions, 'regions'> {
  readonly regions?: string[];
  readonly since?: string;
  readonly accessKey?: string[];
  readonly principal?: string[];
  readonly from?: string;
  readonly trailLogs?: string[];
  readonly s3?: string[];
  readonly contain?: boolean;
  readonly only?: string[];
  readonly skip?: string[];
  readonly apply?: boolean;
  readonly yes?: boolean;
  readonly undo?: string;
  readonly journal?: string;
  readonly evidenceDir?: string;
  readonly ack?: string[];
  readonly format?: string;
  readonly output?: string;
  readonly demo?: boolean;
  readonly color: boolean;
}

interface Live {
  readonly aws: AwsContext;
  readonly account: AccountInfo & { callerArn: string };
  readonly homeRegion: string;
}

export async function respond(options: RespondOptions, io: Io): Promise<number> {
  const format = chooseFormat(options.format);
  if (options.undo) return undo(options.undo, options, io);
  if (options.apply && !options.contain) throw new UserError('--apply applies the containment plan: add --contain');
  if (options.demo && options.apply) throw new UserError('--demo shows the plan for the demo account and never applies: drop --apply');
  if ((options.only?.length || options.skip?.length) && !options.contain) throw new UserError('--only and --skip choose containment steps: add --contain');
  if (options.apply && !options.yes && !(io.stdinIsTTY && io.prompt)) throw new UserError('--apply without a terminal needs --yes: nothing is changed without a confirmation');
  if ([options.trailLogs?.length, options.s3?.length].filter(Boolean).length > 1) throw new UserError('read the suspect\'s events from one place: --trail-logs or --s3 (default LookupEvents)');
  const acks = new Set(options.ack ?? []);
  for (const id of acks) if (!(RECOVER_ITEMS as readonly string[]).includes(id)) throw new UserError(`--ack ${id}: not a recover item; choose from ${RECOVER_ITEMS.join(', ')}`);
  const now = () => io.now?.() ?? new Date();
  const c = colorsFor(io.stdout, io.env, options.color);

  checkSuspects(options.accessKey ?? [], options.principal ?? []);
  const fromAlerts = options.from ? await suspectsFromAlerts(options.from) : undefined;
  if (fromAlerts) io.stderr.write(`Suspects from ${options.from}: ${neutralise([...fromAlerts.principals, ...fromAlerts.accessKeys].join(', ') || 'none (no alert at medium or above names an IAM principal)')}\n`);
  for (const alert of fromAlerts?.several ?? []) io.stderr.write(`Not taken as suspects: the ${alert.principals.length} principals of "${neutralise(alert.title)}" (mostly its targets): ${neutralise(alert.principals.join(', '))}; name the ones you suspect with --principal\n`);
  if (options.evidenceDir) await prepareEvidenceDir(options.evidenceDir);

  let result: ScopeResult;
  let live: Live | undefined;
  if (options.demo) {
    result = await demoIncident();
    io.stderr.write('The demo incident: the detect demo\'s takeover day in account 111122223333, read at noon (no credentials used, nothing written)\n');
  } else {
    const sinceText = options.since ?? fromAlerts?.earliest;
    if (!sinceText) throw new UserError('--since is required: an ISO time (2026-11-20T09:00:00Z) or a duration such as 72h, from before the intruder got in');
    const since = parseSince(sinceText, now());
    live = await connect(options, io);
    const regions = await planRegions(live.aws, live.homeRegion, options.regions);
    if (regions.warning) io.stderr.write(`warning: ${regions.warning}\n`);
    const events: EventSource = options.trailLogs?.length ? { kind: 'trail-logs', paths: options.trailLogs } : options.s3?.length ? { kind: 's3', urls: options.s3 } : { kind: 'lookup' };
    io.stderr.write(`Reading account ${live.account.id} as ${neutralise(live.account.callerArn)} since ${since.toISOString()} in ${plural(regions.scanned.length, 'region')} (read-only)\n`);
    result = await readScope(live.aws, {
      account: live.account,
      since,
      regions: regions.scanned,
      accessKeys: [...new Set([...(options.accessKey ?? []), ...(fromAlerts?.accessKeys ?? [])])],
      principals: [...new Set([...(options.principal ?? []), ...(fromAlerts?.principals ?? [])])],
      events,
      onProgress: (line) => io.stderr.write(`  ${neutralise(line)}\n`),
      ...(io.now ? { now: io.now() } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
    });
  }
  const { scope } = result;
  const events = result.events.map((e) => redactEvent(e as Event) as Record<string, unknown>);
  const homeRegion = live?.homeRegion ?? options.region ?? HOME_REGION[scope.account.partition];

  let plan: ContainmentPlan | undefined;
  if (options.contain) {
    const callerArn = live?.account.callerArn ?? scope.account.callerArn;
    plan = selectSteps(planContainment({ scope, events: result.events, now: now(), homeRegion, ...(callerArn ? { callerArn } : {}) }), options.only, options.skip);
  }

  // A journal whenever something is applied, asked for, or kept as evidence.
  const journalPath = options.journal ?? (options.evidenceDir ? join(options.evidenceDir, 'journal.jsonl') : options.apply ? defaultJournal(now()) : undefined);
  const journal = journalPath ? await Journal.open(journalPath) : undefined;
  const callerArn = live?.account.callerArn ?? scope.account.callerArn ?? 'demo';
  let outcome: RespondReport['outcome'];
  let recover: RecoverItem[];
  let failed = false;
  try {
    if (journal) {
      const scopeDigest = sha256(stableJson(scope));
      await journal.append({ type: 'start', seq: 0, time: now().toISOString(), callerArn, account: scope.account.id, operation: options.apply ? 'respond-apply' : 'respond', planDigest: plan ? sha256(stableJson(plan)) : scopeDigest });
      await journal.append({
        type: 'read',
        seq: journal.nextSeq(),
        time: now().toISOString(),
        callerArn,
        digest: scopeDigest,
        summary: { source: scope.source, since: scope.since, readAt: scope.readAt, regions: scope.regions, suspect: scope.suspect, events: scope.activity.events, alerts: scope.activity.alerts.length, items: scope.items.length, unreadable: scope.unreadable.length },
      });
      if (plan) await journal.append({ type: 'plan', seq: journal.nextSeq(), time: now().toISOString(), callerArn, kind: plan.kind, planDigest: sha256(stableJson(plan)), steps: plan.steps.map((s) => s.key) });
    }
    if (plan && options.apply && live && journal) {
      if (live.account.id !== plan.account.id) throw new UserError(`the scope is of account ${plan.account.id} but the credentials are of ${live.account.id}: nothing was changed`);
      if (!options.format || format === 'console') io.stdout.write(renderRespond('console', respondReport({ scope, plan, recover: [], now: now() }), events, c));
      const steps = await apply(plan, live, journal, options, io, c);
      outcome = { operation: 'apply', journal: journal.path, steps };
      failed = steps.some((s) => s.outcome === 'failed');
    }
    const contained = new Set(outcome?.steps.filter((s) => s.outcome === 'applied' && s.key.startsWith('respond:deactivate-key:')).map((s) => s.key.split(':')[2]!) ?? []);
    const facts: RecoverFacts = live ? await readRecoverFacts(live.aws, live.account, homeRegion, contained) : { rootMfa: { read: true, value: DEMO_ROOT_MFA }, activeKeys: { read: true, value: DEMO_REMAINING_KEYS } };
    recover = recoverChecklist(scope, facts, acks);
    if (journal) recover = await acknowledge(recover, acks, journal, callerArn, options, io, now);
  } finally {
    await journal?.close();
  }

  const report = respondReport({ scope, ...(plan ? { plan } : {}), ...(outcome ? { outcome } : {}), recover, now: now() });
  const plain = colorsFor({ write: () => true, isTTY: false }, io.env, false);
  const text = renderRespond(format, report, events, format === 'console' && !options.output ? c : plain);
  if (options.output) {
    await writeTextFile(options.output, text);
    io.stderr.write(`Report (${format}) written to ${options.output}\n`);
  } else io.stdout.write(text);
  if (plan && !options.apply && plan.steps.length && !options.demo) io.stderr.write('Nothing was changed. To contain: the same command with --apply (each step is asked for; --yes to skip the questions)\n');

  if (options.evidenceDir) {
    const files: EvidenceFile[] = [
      { name: 'events.jsonl', content: events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '') },
      { name: 'scope.json', content: `${JSON.stringify(scope, null, 2)}\n` },
      { name: 'respond.json', content: renderRespond('json', report, events, plain) },
      { name: 'respond.md', content: renderRespond('markdown', report, events, plain) },
      { name: 'respond.html', content: renderRespond('html', report, events, plain) },
    ];
    if (journalPath) {
      const content = await readFile(journalPath);
      if (journalPath !== join(options.evidenceDir, 'journal.jsonl')) files.push({ name: 'journal.jsonl', content });
    }
    // The journal already in the folder is hashed in place, after everything else is written.
    const sums = await writeEvidence(options.evidenceDir, journalPath === join(options.evidenceDir, 'journal.jsonl') ? [...files, { name: 'journal.jsonl', content: await readFile(journalPath) }] : files);
    io.stderr.write(`Evidence written to ${options.evidenceDir} (check it with: cd ${options.evidenceDir} && sha256sum -c ${sums.split('/').pop()})\n`);
  }
  if (failed) return 2;
  return report.suspicious ? 1 : 0;
}

function chooseFormat(name: string | undefined): RespondFormat {
  const format = name ?? 'console';
  if (!(RESPOND_FORMAT_NAMES as readonly string[]).includes(format)) throw new UserError(`unknown format ${format}: choose from ${RESPOND_FORMAT_NAMES.join(', ')}`);
  return format as RespondFormat;
}

async function connect(options: RespondOptions, io: Io): Promise<Live> {
  const { aws, stsRegion } = await connectAws({ ...options, regions: options.regions ?? [] }, io, new CallStats());
  const account = await whoAmI(aws, stsRegion);
  return { aws, account, homeRegion: options.region ?? HOME_REGION[account.partition] };
}

function defaultJournal(now: Date): string {
  return `bulwark-respond-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.jsonl`;
}

async function apply(plan: ContainmentPlan, live: Live, journal: Journal, options: RespondOptions, io: Io, c: Colors): Promise<ContainedStep[]> {
  const now = () => io.now?.() ?? new Date();
  if (plan.steps.length === 0) {
    io.stderr.write('Nothing to contain.\n');
    return [];
  }
  io.stderr.write(`Containing: ${plural(plan.steps.length, 'step')} in account ${plan.account.id} as ${neutralise(live.account.callerArn)}; journal ${journal.path}\n`);
  const times = new Map<string, string>();
  const results = await runJournaled({
    steps: plan.steps,
    journal,
    live,
    operation: 'apply',
    reread: respondDrift(live.aws, live.homeRegion),
    options,
    io,
    c,
    onResult: (result) => times.set(result.step.key, now().toISOString()),
  });
  return results.map((r) => containedStep(r, times.get(r.step.key) ?? now().toISOString()));
}

/** Journals the checklist: states read live as they are, acknowledgements given by flag or at the prompt. */
async function acknowledge(items: RecoverItem[], acks: ReadonlySet<string>, journal: Journal, callerArn: string, options: RespondOptions, io: Io, now: () => Date): Promise<RecoverItem[]> {
  const ask = io.stdinIsTTY && io.prompt && !options.yes;
  const result: RecoverItem[] = [];
  for (const item of items) {
    let state = item.state;
    let by: 'ack-flag' | 'prompt' | 'live-state' | undefined = item.live || item.state === 'PASS' || item.state === 'FAIL' || item.state === 'UNKNOWN' ? 'live-state' : acks.has(item.id) ? 'ack-flag' : undefined;
    if (!by && ask) {
      const reply = await io.prompt(`Recover: ${neutralise(item.title)} — ${neutralise(item.how)}\n  done? [y/N]: `).catch(() => '');
      if (/^y(es)?$/i.test(reply.trim())) [state, by] = ['DONE', 'prompt'];
    }
    if (by) await journal.append({ type: 'acknowledgement', seq: journal.nextSeq(), time: now().toISOString(), callerArn, item: item.id, title: item.title, state, by });
    result.push({ ...item, state });
  }
  return result;
}

async function undo(path: string, options: RespondOptions, io: Io): Promise<number> {
  if (options.apply || options.contain || options.demo) throw new UserError('--undo reverts a journal on its own: drop --contain, --apply and --demo');
  if (!options.yes && !(io.stdinIsTTY && io.prompt)) throw new UserError('--undo without a terminal needs --yes: nothing is changed without a confirmation');
  const c = colorsFor(io.stdout, io.env, options.color);
  const undone = await undoJournal(path, { operation: 'respond-undo', options, connect: () => connect(options, io), io, c });
  if (!undone) return 0;
  const { results } = undone;
  io.stdout.write(`\n${c.bold('Result:')} ${results.filter((r) => r.outcome === 'undone').length} of ${plural(results.length, 'step')} undone. Journal: ${path}\n`);
  return results.some((r) => r.outcome === 'failed') ? 2 : 0;
}

/** `bulwark respond verify-journal FILE`: 0 when the chain holds, 1 naming the first bad line, 2 when the file cannot be read. */
export async function verifyJournalCommand(path: string, io: Io): Promise<number> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read the journal ${path}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? String(error))}`);
  });
  const lines = text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
  if (lines.length === 0) {
    io.stderr.write(`bulwark: ${path} is empty: not a journal\n`);
    return 1;
  }
  const checked = verifyJournal(lines);
  if (!checked.ok) {
    io.stdout.write(`${path}: BROKEN at line ${checked.line}: ${checked.reason}\n`);
    return 1;
  }
  const counts = new Map<string, number>();
  for (const e of checked.entries) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  io.stdout.write(`${path}: OK, ${lines.length} ${lines.length === 1 ? 'entry' : 'entries'} chained by SHA-256 (${[...counts].map(([type, n]) => `${n} ${type}`).join(', ')})\n`);
  return 0;
}
