/**
 * A large account as several queue jobs: one for its account-wide data (IAM, S3, Organizations …,
 * and the regional facts those collectors read) and one per group of its regions, so one huge
 * account is scanned by many workers at once instead of holding one for the whole run. The parts'
 * inventories are merged into the one inventory a single job would have read, then evaluated
 * once: the findings are those of an unsplit scan.
 */
import { COLLECTORS } from '../collectors/index.js';
import type { DataKey } from '../collectors/keys.js';
import type { CollectPlan } from '../core/collect.js';
import type { Inventory } from '../inventory/schema.js';
import type { AccountSummary } from '../core/report.js';
import type { AccountJob } from './account-scan.js';

/** Account-wide data, or every `groups`-th region of the account's sorted list, from `group`. */
export type AccountPart = { readonly kind: 'global' } | { readonly kind: 'regions'; readonly group: number; readonly groups: number };

/** Groups at most: beyond that, more jobs only add assume-role and planning calls. */
const MAX_GROUPS = 8;

/**
 * Region groups for an account, judged by its last stored scan: one per `largeCalls` AWS calls it
 * made, at most one per region it had; 1 (no split) for small accounts and accounts never scanned.
 */
export function regionGroups(last: Pick<AccountSummary, 'calls' | 'regions'> | undefined, largeCalls: number): number {
  if (!last || last.calls < largeCalls) return 1;
  return Math.max(1, Math.min(MAX_GROUPS, last.regions.length, Math.ceil(last.calls / largeCalls)));
}

/** The jobs of one account: itself, or its account-wide part and its region groups. */
export function splitJob(job: AccountJob, groups: number): AccountJob[] {
  if (groups <= 1) return [job];
  return [{ ...job, part: { kind: 'global' } }, ...Array.from({ length: groups }, (_, group) => ({ ...job, part: { kind: 'regions' as const, group, groups } }))];
}

/** The queue's key of a job: the account id, and the part for a split account (`…/global`, `…/r2`). */
export function jobKey(job: AccountJob): string {
  return `${job.account.id}${partKey(job.part)}`;
}

export function partKey(part: AccountPart | undefined): string {
  if (!part) return '';
  return part.kind === 'global' ? '/global' : `/r${part.group}`;
}

/** What one part collects, from the account's whole plan. */
export function partPlan(plan: CollectPlan, part: AccountPart | undefined): CollectPlan {
  if (!part) return plan;
  const scope = part.kind === 'global' ? 'global' : 'regional';
  const needs = new Set([...plan.needs].filter((key) => COLLECTORS[key].scope === scope));
  // Account-wide collectors may read regional facts (trails in every region): they get every region.
  if (part.kind === 'global') return { ...plan, needs };
  return { ...plan, needs, regions: { scanned: plan.regions.scanned.filter((_, i) => i % part.groups === part.group), skipped: [] } };
}

/**
 * One inventory from the parts' (the account-wide part first): its account-wide facts and region
 * plan, with every regional fact taken from the part that owns that region.
 */
export function mergeInventories(global: Inventory, regional: readonly Inventory[]): Inventory {
  const merged = structuredClone(global) as unknown as Record<string, Record<string, unknown>>;
  for (const part of regional) {
    for (const [section, fields] of Object.entries(part as unknown as Record<string, unknown>)) {
      if (!fields || typeof fields !== 'object' || Array.isArray(fields)) continue;
      for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
        if (COLLECTORS[`${section}.${field}` as DataKey]?.scope !== 'regional' || !value || typeof value !== 'object') continue;
        const target = ((merged[section] ??= {})[field] ??= {}) as Record<string, unknown>;
        for (const region of part.regions.scanned) if (region in (value as Record<string, unknown>)) target[region] = (value as Record<string, unknown>)[region];
      }
    }
  }
  const inventory = merged as unknown as Inventory;
  const collectedAt = [global, ...regional].map((i) => i.collectedAt).sort()[0]!;
  return { ...inventory, collectedAt };
}
