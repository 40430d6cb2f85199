import type { Check, CheckContext, Status } from './check.js';
import { NotCollectedError, STATUSES } from './check.js';
import { describeNotCollected } from './fact.js';
import { neutralise } from '../lib/text.js';
import { findingId, type Finding, type FindingResource } from './finding.js';
import { severityRank } from './severity.js';
import type { Inventory } from '../inventory/schema.js';
import { tagIndex } from '../inventory/tags.js';
import type { Config } from '../config/schema.js';

/**
 * Evaluates checks against an inventory. Checks only declare; the engine iterates resources,
 * names them, turns data that was not collected into UNKNOWN and a thrown check into ERROR.
 */
export function evaluate(checks: readonly Check[], inventory: Inventory, { now, config }: { now: Date; config: Config }): Finding[] {
  const findings: Finding[] = [];
  const { account } = inventory;
  const tags = tagIndex(inventory);
  for (const check of checks) {
    const base = {
      checkId: check.id,
      title: check.title,
      service: check.service,
      severity: check.severity,
      checklist: check.checklist,
      remediation: check.remediation,
    };
    // Account text enters every report here, so it is made inert here: no reporter can forget to.
    const add = (resource: FindingResource, status: Status, message: string, extra: Partial<Finding> = {}) =>
      findings.push({ id: findingId(check.id, resource), ...base, status, message: neutralise(message), resource: inertResource(resource), ...inert(extra) });

    for (const set of check.resources(inventory)) {
      const context: CheckContext = { account, region: set.region, now, config };
      if (set.items.status !== 'collected') {
        const name = set.region === 'global' ? account.id : set.region;
        const resource = { id: `AWS::::Account:${account.id}`, type: 'AwsAccount', name, ...set.subject, region: set.region, account: account.id };
        add(resource, 'UNKNOWN', `${set.subject ? (set.subject.name ?? set.subject.id) : where(set.region)}: ${describeNotCollected(set.items)}`, { notCollected: set.items });
        continue;
      }
      for (const item of set.items.value) {
        const ref = check.describe(item, context);
        const resourceTags = tags.get(ref.id);
        const resource: FindingResource = { ...ref, region: set.region, account: account.id, ...(resourceTags ? { tags: resourceTags } : {}) };
        try {
          const outcome = check.evaluate(item, context);
          add(resource, outcome.status, outcome.message);
        } catch (error) {
          if (error instanceof NotCollectedError) {
            add(resource, 'UNKNOWN', `${ref.name ?? ref.id}: ${describeNotCollected(error.reason)}`, { notCollected: error.reason });
            continue;
          }
          add(resource, 'ERROR', `the check failed on ${ref.name ?? ref.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  return findings.sort(compareFindings);
}

function inertResource(resource: FindingResource): FindingResource {
  const tags = resource.tags && Object.fromEntries(Object.entries(resource.tags).map(([k, v]) => [neutralise(k), neutralise(v)]));
  return { ...resource, id: neutralise(resource.id), ...(resource.name !== undefined ? { name: neutralise(resource.name) } : {}), ...(tags ? { tags } : {}) };
}

function inert(extra: Partial<Finding>): Partial<Finding> {
  return extra.notCollected ? { ...extra, notCollected: { ...extra.notCollected, message: neutralise(extra.notCollected.message) } } : extra;
}

function where(region: string): string {
  return region === 'global' ? 'account-wide' : region;
}

/** Failures first, then the worst severity, then by check, region and resource for stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.checkId.localeCompare(b.checkId) ||
    a.resource.region.localeCompare(b.resource.region) ||
    a.resource.id.localeCompare(b.resource.id)
  );
}
