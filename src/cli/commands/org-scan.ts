/**
 * `bulwark scan --org`: every ACTIVE account of the organisation through the scan pipeline, in
 * this process (a pool) or on a PostgreSQL job queue (`--queue`), into one findings document with
 * a per-account summary, and into the history store.
 */
import { CHECKS } from '../../checks/index.js';
import { whoAmI } from '../../aws/identity.js';
import { HOME_REGION } from '../../aws/partition.js';
import { CallStats } from '../../aws/stats.js';
import { UserError } from '../../core/errors.js';
import type { AccountSummary } from '../../core/report.js';
import { neededData } from '../../core/select.js';
import { demoInventory } from '../../demo/demo-inventory.js';
import type { AccountInfo } from '../../inventory/schema.js';
import type { AwsContext } from '../../aws/context.js';
import { plural } from '../../lib/text.js';
import { writeChunks } from '../../lib/write-chunks.js';
import { failedResult, scanAccount, type AccountJob, type AccountReader, type AccountScanSettings } from '../../org/account-scan.js';
import { listOrgAccounts, selectAccounts, type AccountFilter, type OrgAccount } from '../../org/accounts.js';
import { DEMO_ORG, demoReader } from '../../org/demo.js';
import { runPool } from '../../org/pool.js';
import { regionGroups } from '../../org/region-groups.js';
import { OrgResults } from '../../org/results.js';
import { readOrganizationFacts, type OrganizationFacts } from '../../org/organization-facts.js';
import { openStore } from '../../store/open.js';
import { newScanId, type HistoryStore, type ScanPlan } from '../../store/store.js';
import { suppressionNeeds } from '../../suppressions/apply.js';
import { FORMATS } from '../../reporters/formats.js';
import { FRAMEWORKS } from '../../compliance/frameworks/index.js';
import { renderAccountsConsole } from '../../reporters/accounts.js';
import { colorsFor, type Io } from '../io.js';
import { connectOrgReader } from '../org-reader.js';
import { writeOptions, writeOutput, writeReports } from '../outputs.js';
import { chunked, renderPieces, STREAMED_FORMATS } from '../../reporters/stream.js';
import { digestFindings } from '../../reporters/digest.js';
import type { PreparedScan, ScanOptions } from './scan.js';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';

export interface OrgScanOptions extends AccountFilter {
  readonly org?: boolean;
  readonly memberRole?: string;
  readonly accountConcurrency?: number;
  readonly queue?: string;
  readonly resume?: string;
  readonly jobTimeout?: number;
  readonly retryDelay?: number;
  readonly largeAccountCalls?: number;
  readonly store?: string;
  readonly historyDir?: string;
}

export const DEFAULT_MEMBER_ROLE = 'BulwarkAudit';
/** With --queue: an account whose last scan made this many AWS calls is split into region groups. */
export const DEFAULT_LARGE_ACCOUNT_CALLS = 2000;

export async function orgScan(options: ScanOptions & OrgScanOptions, prepared: PreparedScan, io: Io): Promise<number> {
  if (options.inventory) throw new UserError('--org scans live accounts: it cannot evaluate a saved --inventory');
  if (options.saveInventory) throw new UserError('--save-inventory writes one account: it cannot be used with --org');
  if (options.securityHub && options.demo) throw new UserError('--security-hub imports real findings: it cannot be used with --demo');
  if (options.resume && !options.queue) throw new UserError('--resume continues a queued run: pass the same --queue');
  const now = io.now?.() ?? new Date();
  const stats = new CallStats();

  // Who calls, and which accounts there are.
  let caller: AccountInfo;
  let listed: readonly OrgAccount[];
  let read: AccountReader;
  let homeRegion: string;
  let contextFor: ((job: AccountJob) => Promise<AwsContext>) | undefined;
  let callerAws: AwsContext | undefined;
  if (options.demo) {
    if (options.queue) throw new UserError('--demo runs in this process: it cannot use --queue');
    caller = demoInventory().account;
    homeRegion = 'us-east-1';
    listed = DEMO_ORG;
    read = demoReader;
  } else {
    const connected = await connectOrgReader(options, io, stats);
    const identity = await whoAmI(connected.aws, connected.stsRegion);
    caller = { id: identity.id, partition: identity.partition, callerArn: identity.callerArn };
    homeRegion = options.region ?? HOME_REGION[identity.partition];
    listed = options.resume ? [] : await listOrgAccounts(connected.aws, homeRegion, options.ous);
    read = connected.read;
    contextFor = connected.contextFor;
    callerAws = connected.aws;
  }

  const needs = [...new Set([...neededData(prepared.selected), ...suppressionNeeds(prepared.suppressions ?? [], prepared.selected)])];
  // Read once here, where the management account may: members get a verdict instead of UNKNOWN.
  const organization: OrganizationFacts = callerAws && !options.resume ? await readOrganizationFacts(callerAws, homeRegion, needs) : {};
  const settings: AccountScanSettings = {
    checks: prepared.selected.map((c) => c.id),
    needs,
    partition: caller.partition,
    homeRegion,
    ...(prepared.regions ? { regions: prepared.regions } : {}),
    config: prepared.config,
    ...(Object.keys(organization).length ? { organization } : {}),
  };
  const selection = options.resume ? { targets: [], skipped: [] } : selectAccounts(listed, options);
  const role = options.memberRole ?? DEFAULT_MEMBER_ROLE;
  const jobs: AccountJob[] = selection.targets.map((account) => ({
    account: { id: account.id, name: account.name },
    // The caller's own account is read with the caller's credentials; every other through its member role.
    ...(account.id === caller.id ? {} : { roleArn: `arn:${caller.partition}:iam::${account.id}:role/${role}` }),
  }));
  if (!options.resume && jobs.length === 0) throw new UserError(`no ACTIVE account to scan${selection.skipped.length ? ` (${plural(selection.skipped.length, 'account')} left out)` : ''}: check --accounts, --exclude-accounts and --ous`);

  // History: the default folder for live scans; the demo only where asked to.
  const wantsHistory = !options.demo || options.store || options.historyDir;
  // A queued run keeps its history in the queue's database unless told otherwise.
  const where = options.queue && !options.store && !options.historyDir ? { store: options.queue } : options;
  const history = wantsHistory ? await openStore(where, io.env) : undefined;
  const scanId = options.resume ?? newScanId(now);
  const skipped = selection.skipped.map(({ account, reason }) => ({ id: account.id, name: account.name, reason }));
  const results = await OrgResults.create(
    {
      source: options.demo ? 'demo' : 'live',
      caller,
      allChecks: CHECKS,
      selected: prepared.selected,
      failOn: prepared.failOn,
      config: prepared.config,
      ...(prepared.suppressions && prepared.suppressionsFile ? { suppressions: { file: prepared.suppressionsFile, rules: prepared.suppressions } } : {}),
      today: now.toISOString().slice(0, 10),
      now,
      skipped,
      ...(prepared.compliance !== 'checklist' ? { framework: FRAMEWORKS.find((f) => f.id === prepared.compliance)! } : {}),
    },
    history ? (summary, findings) => history.saveAccount(scanId, summary, findings) : undefined,
  );
  try {
    const plan: ScanPlan = { accounts: jobs.map((j) => ({ ...j.account, ...(j.roleArn ? { roleArn: j.roleArn } : {}) })), settings: { ...settings, skipped } };
    if (!options.resume) await history?.beginScan({ id: scanId, startedAt: now.toISOString(), status: 'running', source: options.demo ? 'demo' : 'live', plan });
    for (const s of skipped) io.stderr.write(`Skipping account ${s.id} (${s.name}): ${s.reason}\n`);
    const progress = new AccountProgress(io, jobs.length);
    const report = (summary: AccountSummary) => progress.done(summary);

    if (options.queue) {
      const { coordinate } = await import('../../queue/coordinator.js');
      const sized = await withRegionGroups(jobs, history, options.largeAccountCalls ?? DEFAULT_LARGE_ACCOUNT_CALLS);
      await coordinate({ url: options.queue, scanId, jobs: sized, settings, resume: Boolean(options.resume), ...(options.jobTimeout ? { jobTimeoutSeconds: options.jobTimeout } : {}), ...(options.retryDelay !== undefined ? { retryDelaySeconds: options.retryDelay } : {}) }, results, io, (total) => progress.expect(total), report);
    } else {
      io.stderr.write(`Scanning ${plural(jobs.length, 'account')} of the organisation, ${options.accountConcurrency ?? 4} at a time${options.demo ? ' (demo)' : ''}\n`);
      await runPool(
        jobs,
        options.accountConcurrency ?? 4,
        (job) => scanAccount(job, settings, read),
        async (result) => report(await results.add(result)),
        async (job, error) => report(await results.add(failedResult(job, settings, error instanceof Error ? error.message : String(error)))),
      );
    }
    progress.finish();

    const header = results.header();
    const written = await writeOrgReports(results, prepared, options, homeRegion, io);
    await history?.finishScan(scanId, header);
    if (history) io.stderr.write(`Scan ${scanId} saved to ${history.location} (bulwark history show ${scanId})\n`);
    if (options.securityHub && contextFor) {
      const { importOrgToSecurityHub } = await import('../../org/security-hub.js');
      // A resumed run plans its accounts from the store: the roles come from there too.
      const planned = options.resume ? ((await history?.getScan(scanId))?.record.plan.accounts ?? []).map((a) => ({ account: { id: a.id, name: a.name }, ...(a.roleArn ? { roleArn: a.roleArn } : {}) })) : jobs;
      if (!(await importOrgToSecurityHub(results, planned, contextFor, homeRegion, io))) return 2;
    }
    return written ? results.exitCode() : 2;
  } finally {
    await results.dispose();
    await history?.close();
  }
}

/** Each account with its region groups, judged by its summary in the last complete scan of the history. */
async function withRegionGroups(jobs: readonly AccountJob[], history: HistoryStore | undefined, largeCalls: number): Promise<(AccountJob & { regionGroups?: number })[]> {
  const last = history && (await history.listScans(50)).find((s) => s.status === 'complete');
  const summaries = new Map(((last && (await history.getScan(last.id))?.accounts) ?? []).map((a) => [a.id, a]));
  return jobs.map((job) => {
    const groups = regionGroups(summaries.get(job.account.id), largeCalls);
    return groups > 1 ? { ...job, regionGroups: groups } : job;
  });
}

/**
 * JSON alone is streamed from the spool as it always was; JSON, CSV, OCSF, ASFF, SARIF and JUnit
 * together are streamed finding by finding; console, markdown and HTML render from a digest (counts
 * and the worst findings, taken in one pass over the spool) beside them. No format holds every finding.
 */
async function writeOrgReports(results: OrgResults, prepared: PreparedScan, options: ScanOptions, homeRegion: string, io: Io): Promise<boolean> {
  const { formats, outputDir } = prepared;
  const accountsTable = () => io.stdout.write(renderAccountsConsole(results.header(), colorsFor(io.stdout, io.env, options.color)));
  if (formats.every((f) => f === 'json')) {
    const target = outputDir ? join(outputDir, FORMATS.json) : options.output;
    if (outputDir) await mkdir(outputDir, { recursive: true });
    if (target) {
      await writeChunks(target, results.json());
      io.stderr.write(`Report (json) written to ${target}\n`);
      if (outputDir) accountsTable();
    } else for await (const chunk of results.json()) io.stdout.write(chunk);
    return true;
  }
  if (formats.every((f) => STREAMED_FORMATS.has(f))) {
    const report = results.streamedReport();
    const renderOptions = { colors: colorsFor({ write: () => true, isTTY: false }, io.env, false), verbose: Boolean(options.verbose), homeRegion };
    if (!outputDir && !options.output) {
      for (const chunk of chunked(renderPieces(formats[0]!, report, renderOptions))) io.stdout.write(chunk);
      return true;
    }
    let written = true;
    for (const format of formats) {
      const path = outputDir ? join(outputDir, FORMATS[format]) : options.output!;
      if (await writeOutput(path, renderPieces(format, report, renderOptions), io)) io.stderr.write(`Report (${format}) written to ${path}\n`);
      else written = false;
    }
    if (outputDir) accountsTable();
    return written;
  }
  // Every other format is in DIGEST_FORMATS.
  return writeReports(results.streamedReport(), formats, writeOptions(options, outputDir, homeRegion), io, await digestFindings(results.findings()));
}

/** One line per tenth of the accounts (a log stays short), a live count on a terminal, and every account that could not be read. */
class AccountProgress {
  private count = 0;
  private readonly started = performance.now();

  constructor(
    private readonly io: Io,
    private total: number,
  ) {}

  expect(total: number): void {
    this.total = total;
  }

  done(summary: AccountSummary): void {
    this.count += 1;
    const { stderr } = this.io;
    if (summary.status !== 'scanned') stderr.write(`${stderr.isTTY ? '\r\u001b[2K' : ''}Account ${summary.id} (${summary.name}) ${summary.status}: ${summary.reason ?? ''}\n`);
    const step = Math.max(1, Math.ceil(this.total / 10));
    const line = `Accounts ${this.count}/${this.total} done · ${((performance.now() - this.started) / 1000).toFixed(0)} s`;
    if (stderr.isTTY) stderr.write(`\r\u001b[2K${line}`);
    else if (this.count % step === 0 || this.count === this.total) stderr.write(`${line}\n`);
  }

  finish(): void {
    if (this.io.stderr.isTTY) this.io.stderr.write('\r\u001b[2K');
  }
}
