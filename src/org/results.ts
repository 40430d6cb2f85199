/**
 * Where an organisation scan's results go as each account finishes: the account's findings to a
 * spool file (and the history store), its summary and running totals to memory. Memory grows by
 * one small summary per account, never by findings; the findings document is streamed from the
 * spool at the end.
 */
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Check, Status } from '../core/check.js';
import { STATUSES } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import { checklistCoverage, REPORT_SCHEMA_VERSION, statusCounts, worstStatus, type AccountSummary, type FailOn, type ScanReport } from '../core/report.js';
import { severityRank, type Severity } from '../core/severity.js';
import type { Config } from '../config/schema.js';
import type { Framework } from '../compliance/framework.js';
import { FrameworkTally } from '../compliance/view.js';
import type { AccountInfo } from '../inventory/schema.js';
import { applySuppressions, type SuppressionUse } from '../suppressions/apply.js';
import type { SuppressionRule } from '../suppressions/load.js';
import { VERSION } from '../version.js';
import { reportJsonChunks } from '../core/report-stream.js';
import type { AccountResult } from './account-scan.js';

export interface OrgRunInfo {
  readonly source: 'live' | 'demo';
  readonly caller: AccountInfo;
  readonly allChecks: readonly Check[];
  readonly selected: readonly Check[];
  readonly failOn: FailOn;
  readonly config: Config;
  readonly suppressions?: { readonly file: string; readonly rules: readonly SuppressionRule[] };
  /** UTC date suppressions expire against. */
  readonly today: string;
  readonly now: Date;
  readonly skipped: NonNullable<ScanReport['organization']>['skipped'];
  /** `--compliance`: the framework whose verdicts are counted over every account's findings. */
  readonly framework?: Framework;
}

/** Receives each finished account (for the history store). */
export type AccountSink = (summary: AccountSummary, findings: readonly Finding[], result: AccountResult) => Promise<void>;

export class OrgResults {
  private readonly summary = new Map<Status, number>();
  private readonly byItem = new Map<string, Partial<Record<Status, number>>>();
  private readonly permissions = new Map<string, Set<string>>();
  private readonly regions = new Set<string>();
  private readonly skippedRegions = new Map<string, string>();
  private readonly uses = new Map<string, SuppressionUse>();
  private readonly accounts = new Map<string, AccountSummary>();
  private worstFail = -1;
  private collectedAt: string | undefined;
  private readonly compliance: FrameworkTally | undefined;

  private constructor(
    private readonly info: OrgRunInfo,
    private readonly spool: string,
    private readonly sink?: AccountSink,
  ) {
    this.compliance = info.framework ? new FrameworkTally(info.framework, new Set(info.selected.map((c) => c.id)), info.config) : undefined;
  }

  static async create(info: OrgRunInfo, sink?: AccountSink): Promise<OrgResults> {
    return new OrgResults(info, await mkdtemp(join(tmpdir(), 'bulwark-org-')), sink);
  }

  get done(): number {
    return this.accounts.size;
  }

  /** Adds one finished account (each account once). */
  async add(result: AccountResult): Promise<AccountSummary> {
    const suppressed = this.info.suppressions ? applySuppressions(result.findings, this.info.suppressions.rules, this.info.today) : undefined;
    const findings = suppressed?.findings ?? result.findings;
    if (this.accounts.has(result.account.id)) throw new Error(`account ${result.account.id} was added twice`);
    for (const use of suppressed?.uses ?? []) this.addUse(use);
    this.compliance?.add(findings);
    const counts = statusCounts(findings);
    for (const [status, n] of Object.entries(counts) as [Status, number][]) this.summary.set(status, (this.summary.get(status) ?? 0) + n);
    const failing: Partial<Record<Severity, number>> = {};
    const itemCounts = new Map<string, Partial<Record<Status, number>>>();
    for (const f of findings) {
      if (f.status === 'FAIL') {
        failing[f.severity] = (failing[f.severity] ?? 0) + 1;
        this.worstFail = Math.max(this.worstFail, severityRank(f.severity));
      }
      for (const item of f.checklist) {
        const c = itemCounts.get(item) ?? {};
        c[f.status] = (c[f.status] ?? 0) + 1;
        itemCounts.set(item, c);
      }
      const permission = f.notCollected?.permission;
      if (permission) this.permissions.set(permission, (this.permissions.get(permission) ?? new Set()).add(f.resource.region));
    }
    const checklist: Record<string, Status> = {};
    for (const [item, c] of [...itemCounts].sort(([a], [b]) => a.localeCompare(b))) {
      checklist[item] = worstStatus(c);
      const total = this.byItem.get(item) ?? {};
      for (const [status, n] of Object.entries(c) as [Status, number][]) total[status] = (total[status] ?? 0) + n;
      this.byItem.set(item, total);
    }
    for (const r of result.regions.scanned) this.regions.add(r);
    for (const s of result.regions.skipped) this.skippedRegions.set(s.region, s.reason);
    if (!this.collectedAt || result.collectedAt < this.collectedAt) this.collectedAt = result.collectedAt;
    const summary: AccountSummary = {
      id: result.account.id,
      name: result.account.name,
      status: result.status,
      ...(result.reason ? { reason: result.reason } : {}),
      regions: result.regions.scanned,
      counts,
      failing,
      checklist,
      calls: result.calls,
      durationMs: result.durationMs,
    };
    this.accounts.set(summary.id, summary);
    await writeFile(join(this.spool, `${summary.id}.jsonl`), findings.map((f) => JSON.stringify(f)).join('\n') + (findings.length ? '\n' : ''));
    await this.sink?.(summary, findings, result);
    return summary;
  }

  private addUse(use: SuppressionUse): void {
    const before = this.uses.get(use.rule);
    if (!before) return void this.uses.set(use.rule, use);
    const findings = before.findings + use.findings;
    const state = use.state === 'expired' ? 'expired' : findings > 0 ? 'active' : 'stale';
    this.uses.set(use.rule, { ...before, findings, state });
  }

  /** The findings document without its findings: every total, the checklist, every account. */
  header(): ScanReport {
    const { info } = this;
    const summary = Object.fromEntries(STATUSES.map((s) => [s, this.summary.get(s) ?? 0])) as Record<Status, number>;
    const accounts = [...this.accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      tool: { name: 'bulwark', version: VERSION },
      source: info.source,
      account: info.caller,
      collectedAt: this.collectedAt ?? info.now.toISOString(),
      evaluatedAt: info.now.toISOString(),
      regions: {
        scanned: [...this.regions].sort(),
        skipped: [...this.skippedRegions].filter(([r]) => !this.regions.has(r)).sort(([a], [b]) => a.localeCompare(b)).map(([region, reason]) => ({ region, reason })),
      },
      checks: info.selected.map((c) => c.id),
      failOn: info.failOn,
      config: info.config,
      summary,
      checklist: checklistCoverage(info.allChecks, info.selected, (item) => this.byItem.get(item) ?? {}),
      missingPermissions: [...this.permissions].sort(([a], [b]) => a.localeCompare(b)).map(([permission, regions]) => ({ permission, regions: [...regions].sort() })),
      findings: [],
      ...(info.suppressions ? { suppressions: { file: info.suppressions.file, entries: [...this.uses.values()] } } : {}),
      ...(this.compliance ? { compliance: this.compliance.view() } : {}),
      organization: { accounts, skipped: info.skipped },
    };
  }

  /** Every finding, account by account in id order, read back from the spool. */
  async *findings(): AsyncGenerator<Finding> {
    const files = (await readdir(this.spool)).filter((f) => f.endsWith('.jsonl')).sort();
    for (const file of files) {
      const lines = createInterface({ input: createReadStream(join(this.spool, file)), crlfDelay: Infinity });
      for await (const line of lines) if (line) yield JSON.parse(line) as Finding;
    }
  }

  /** One account's findings, read back from the spool. */
  async *accountFindings(accountId: string): AsyncGenerator<Finding> {
    if (!this.accounts.has(accountId)) return;
    const lines = createInterface({ input: createReadStream(join(this.spool, `${accountId}.jsonl`)), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as Finding;
  }

  /**
   * The document with its findings as a lazy sequence read from the spool, one account's file at a
   * time, for the formats that stream (STREAMED_FORMATS): memory holds one account's findings.
   */
  streamedReport(): ScanReport {
    const spool = this.spool;
    const files = () => readdirSync(spool).filter((f) => f.endsWith('.jsonl')).sort();
    const findings: Iterable<Finding> = {
      *[Symbol.iterator]() {
        for (const file of files()) {
          for (const line of readFileSync(join(spool, file), 'utf8').split('\n')) if (line) yield JSON.parse(line) as Finding;
        }
      },
    };
    // Only iterated (never indexed or measured) by the streamed formats.
    return { ...this.header(), findings: findings as unknown as Finding[] };
  }

  /** The findings document as `--format json` writes it, streamed: memory stays flat. */
  json(): AsyncGenerator<string> {
    return reportJsonChunks(this.header(), this.findings());
  }

  /** 1 when a FAIL at or above --fail-on exists, as for one account. */
  exitCode(): 0 | 1 {
    if (this.info.failOn === 'none') return 0;
    return this.worstFail >= severityRank(this.info.failOn) ? 1 : 0;
  }

  async dispose(): Promise<void> {
    await rm(this.spool, { recursive: true, force: true });
  }
}
