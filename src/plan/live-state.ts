/**
 * Reading a plan's resources again: before a step (drift) and after apply (re-verification).
 * Only the data the steps' checks need, only in the regions their findings are in. The reader is
 * given a `collect` function, so the engine stays free of AWS clients and works on any inventory source.
 */
import { NotCollectedError, type Check } from '../core/check.js';
import { describeNotCollected } from '../core/fact.js';
import { evaluate } from '../core/engine.js';
import type { Finding } from '../core/finding.js';
import type { DataKey } from '../collectors/keys.js';
import type { Config } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import type { DriftCheck } from './apply.js';
import { locate } from './build.js';
import { fingerprint } from './fingerprint.js';
import { findingsOf, type PlannedFinding, type PlannedStep } from './schema.js';

export type Collect = (needs: ReadonlySet<DataKey>, regions: readonly string[]) => Promise<Inventory>;

/** How a planned finding stands after apply. */
export interface Verified {
  readonly finding: PlannedFinding;
  /** PASS also when the resource left the check's scope (a deactivated key is no longer an active key). */
  readonly status: Finding['status'];
  readonly message: string;
}

export class LiveState {
  /**
   * One read per set of needs and regions for the whole run: drift is a change by someone else
   * between plan and apply, so steps of this run do not make each other re-read (that would be
   * one full re-read per step).
   */
  private readonly reads = new Map<string, Promise<Inventory>>();
  /** The account as it was before this run's first step, for every step of the plan (see `before`). */
  private snapshot: Promise<Inventory> | undefined;

  constructor(
    private readonly collect: Collect,
    private readonly checks: ReadonlyMap<string, Check>,
    private readonly config: Config,
    private readonly now: () => Date,
  ) {}

  private check(id: string): Check {
    const check = this.checks.get(id);
    if (!check) throw new Error(`the plan names check ${id}, which this version of Bulwark does not have`);
    return check;
  }

  private needsOf(findings: readonly PlannedFinding[]): Set<DataKey> {
    return new Set(findings.flatMap((f) => [...this.check(f.checkId).needs, ...(this.check(f.checkId).fix?.needs ?? [])]));
  }

  private read(findings: readonly PlannedFinding[]): Promise<Inventory> {
    const needs = this.needsOf(findings);
    const regions = [...new Set(findings.map((f) => f.resource.region).filter((r) => r !== 'global'))].sort();
    const key = `${[...needs].sort().join(',')}|${regions.join(',')}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.collect(needs, regions);
      this.reads.set(key, read);
    }
    return read;
  }

  /**
   * Reads, once, everything the steps' checks need, before any of them runs. Every drift check
   * then compares the plan with the account as it was before this run: a step whose check needs
   * other data than an earlier step's must not take that earlier step's own change for drift.
   */
  before(steps: readonly PlannedStep[]): void {
    this.snapshot = this.read(steps.flatMap(findingsOf));
    // A failed read is reported by the first drift check that awaits it, not as an unhandled rejection.
    this.snapshot.catch(() => undefined);
  }

  /** Drift: a resource changed since the plan (skip), every finding already passes (skip), or unchanged. */
  async drift(step: PlannedStep): Promise<DriftCheck> {
    const inventory = await (this.snapshot ?? this.read(findingsOf(step)));
    const state: Record<string, unknown> = {};
    const changed: string[] = [];
    let stillFailing = 0;
    for (const finding of findingsOf(step)) {
      const check = this.check(finding.checkId);
      const now = this.now();
      const located = [...locate(check, inventory, now, this.config)].find((l) => l.id === finding.id);
      const name = finding.resource.name ?? finding.resource.id;
      if (!located) {
        const unread = check.resources(inventory).find((set) => set.items.status !== 'collected' && (set.region === finding.resource.region || set.region === 'global'));
        if (unread && unread.items.status !== 'collected') throw new NotCollectedError(unread.items);
        state[finding.id] = null;
        continue; // gone from the check's scope: nothing left to fix for this finding
      }
      state[finding.id] = located.item;
      let status: string;
      try {
        status = check.evaluate(located.item, { account: inventory.account, region: located.region, now, config: this.config }).status;
      } catch (error) {
        if (error instanceof NotCollectedError) throw Object.assign(new Error(describeNotCollected(error.reason)), { name: error.reason.errorCode });
        throw error;
      }
      if (status === 'PASS' || status === 'NOT_APPLICABLE') continue;
      stillFailing += 1;
      const print = fingerprint(check.fix?.fingerprint ? check.fix.fingerprint(located.item) : located.item);
      if (print !== finding.fingerprint) changed.push(name);
    }
    if (changed.length) return { verdict: 'changed', detail: `${changed.join(', ')} changed since the plan was made`, state };
    if (stillFailing === 0) return { verdict: 'resolved', detail: 'already compliant: the findings pass now', state };
    return { verdict: 'unchanged', state };
  }

  /** Re-collects what the applied steps touched and re-evaluates their checks. */
  async verify(steps: readonly PlannedStep[]): Promise<Verified[]> {
    const findings = steps.flatMap(findingsOf);
    if (!findings.length) return [];
    // Everything read before the steps ran is stale now.
    this.reads.clear();
    this.snapshot = undefined;
    const inventory = await this.read(findings);
    const checks = [...new Set(findings.map((f) => f.checkId))].map((id) => this.check(id));
    const now = this.now();
    const byId = new Map(evaluate(checks, inventory, { now, config: this.config }).map((f) => [f.id, f]));
    const seen = new Set<string>();
    const results: Verified[] = [];
    for (const finding of findings) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      const now = byId.get(finding.id);
      if (now) {
        results.push({ finding, status: now.status, message: now.message });
        continue;
      }
      const check = this.check(finding.checkId);
      const unread = check.resources(inventory).find((set) => set.items.status !== 'collected');
      results.push(
        unread && unread.items.status !== 'collected'
          ? { finding, status: 'UNKNOWN', message: `could not re-read: ${describeNotCollected(unread.items)}` }
          : { finding, status: 'PASS', message: `${finding.resource.name ?? finding.resource.id} is no longer in the check's scope (${check.title.toLowerCase()})` },
      );
    }
    return results;
  }
}
