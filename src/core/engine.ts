import type { Check, CheckContext, ResourceRef, Status } from './check.js';
import { NotCollectedError, STATUSES } from './check.js';
import { describeNotCollected, type NotCollected } from './fact.js';
import { neutralise } from '../lib/text.js';
import { EvaluatedFinding, NotCollectedFinding, type Finding, type FindingResource } from './finding.js';
import { severityRank } from './severity.js';
import type { Inventory } from '../inventory/schema.js';
import { tagIndex, type TagIndex } from '../inventory/tags.js';
import type { Config } from '../config/schema.js';

/**
 * Evaluates checks against an inventory. Checks only declare; the engine iterates resources,
 * names them, turns data that was not collected into UNKNOWN and a thrown check into ERROR.
 * Its findings read their check's fields through getters, so a spread drops them: the return type
 * says EvaluatedFinding so that the compiler refuses `{ ...finding }` where a Finding is wanted.
 */
export function evaluate(checks: readonly Check[], inventory: Inventory, { now, config }: { now: Date; config: Config }): EvaluatedFinding[] {
  const findings: EvaluatedFinding[] = [];
  const { account } = inventory;
  const resources = new ResourceCache(tagIndex(inventory), account.id);
  for (const check of checks) {
    // Account text enters every report here, so it is made inert here: no reporter can forget to.
    const add = ({ raw, inert }: NamedResource, status: Status, message: string, notCollected?: NotCollected) => {
      findings.push(
        notCollected
          ? new NotCollectedFinding(check, neutralise(message), inert, raw, { ...notCollected, message: neutralise(notCollected.message) })
          : new EvaluatedFinding(check, status, neutralise(message), inert, raw),
      );
    };

    for (const set of check.resources(inventory)) {
      const context: CheckContext = { account, region: set.region, now, config };
      if (set.items.status !== 'collected') {
        const name = set.region === 'global' ? account.id : set.region;
        const resource = { id: `AWS::::Account:${account.id}`, type: 'AwsAccount', name, ...set.subject, region: set.region, account: account.id };
        add({ raw: resource, inert: inertResource(resource) }, 'UNKNOWN', `${set.subject ? (set.subject.name ?? set.subject.id) : where(set.region)}: ${describeNotCollected(set.items)}`, set.items);
        continue;
      }
      for (const item of set.items.value) {
        const ref = check.describe(item, context);
        const resource = resources.get(ref, set.region);
        try {
          const outcome = check.evaluate(item, context);
          add(resource, outcome.status, outcome.message);
        } catch (error) {
          if (error instanceof NotCollectedError) {
            add(resource, 'UNKNOWN', `${ref.name ?? ref.id}: ${describeNotCollected(error.reason)}`, error.reason);
            continue;
          }
          add(resource, 'ERROR', `the check failed on ${ref.name ?? ref.id}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  return findings.sort(compareFindings);
}

/**
 * The resource objects of findings, one per resource however many checks report on it (an IAM
 * user is named by a dozen checks): findings only read them, and ten thousand users' findings
 * then hold ten thousand resource objects, not a hundred and twenty thousand.
 */
class ResourceCache {
  /** By raw resource id: the resources of that id as the engine built them, and what they were built from. */
  private readonly byId = new Map<string, { type: string; name: string | undefined; region: string; resource: NamedResource }[]>();

  constructor(
    private readonly tags: TagIndex,
    private readonly account: string,
  ) {}

  /** The finding resource of what `describe` returned, in a region. */
  get(ref: ResourceRef, region: string): NamedResource {
    const shared = hasShape(ref, REF_KEYS);
    const known = shared ? this.byId.get(ref.id) : undefined;
    if (known) for (const r of known) if (r.type === ref.type && r.name === ref.name && r.region === region) return r.resource;
    const resourceTags = this.tags.get(ref.id);
    // Plain refs (nearly all) are built field by field: spreading refs of many shapes is the engine's slowest line.
    const raw: FindingResource = shared ? plainResource(ref.id, ref.type, ref.name, region, this.account, resourceTags) : { ...ref, region, account: this.account, ...(resourceTags ? { tags: resourceTags } : {}) };
    const resource = { raw, inert: inertResource(raw) };
    if (shared) {
      const entry = { type: ref.type, name: ref.name, region, resource };
      if (known) known.push(entry);
      else this.byId.set(ref.id, [entry]);
    }
    return resource;
  }
}

/** A finding's resource as `describe` named it (finding ids are derived from it) and with its account text made inert (as reports show it). */
interface NamedResource {
  readonly raw: FindingResource;
  readonly inert: FindingResource;
}

/** `describe` gave exactly `{ id, type }` or `{ id, type, name }`, in that order: such refs can share one resource object. */
const REF_KEYS = [
  ['id', 'type'],
  ['id', 'type', 'name'],
];

/** The object has exactly the keys of one of the shapes, in that order. Asked once per finding, so it walks the keys instead of listing them. */
function hasShape(object: object, shapes: readonly (readonly string[])[]): boolean {
  return shapes.some((shape) => {
    let i = 0;
    for (const key in object) if (key !== shape[i++]) return false;
    return i === shape.length;
  });
}
/** The shapes plainResource builds: an inert copy of one keeps the same key order. */
const RESOURCE_KEYS = [
  ['id', 'type', 'region', 'account'],
  ['id', 'type', 'region', 'account', 'tags'],
  ['id', 'type', 'name', 'region', 'account'],
  ['id', 'type', 'name', 'region', 'account', 'tags'],
];

/** A finding resource with the keys in the order a spread of `{ id, type, name }` gives, so reports are unchanged. */
function plainResource(id: string, type: string, name: string | undefined, region: string, account: string, tags: Readonly<Record<string, string>> | undefined): FindingResource {
  if (name === undefined) return tags ? { id, type, region, account, tags } : { id, type, region, account };
  return tags ? { id, type, name, region, account, tags } : { id, type, name, region, account };
}

/** The resource with its account text made inert: the resource itself when it holds nothing to neutralise (nearly always). */
function inertResource(resource: FindingResource): FindingResource {
  const inert = (text: string) => neutralise(text) === text;
  if (inert(resource.id) && (resource.name === undefined || inert(resource.name)) && Object.entries(resource.tags ?? {}).every(([k, v]) => inert(k) && inert(v))) return resource;
  const tags = resource.tags && Object.fromEntries(Object.entries(resource.tags).map(([k, v]) => [neutralise(k), neutralise(v)]));
  if (hasShape(resource, RESOURCE_KEYS)) return plainResource(neutralise(resource.id), resource.type, resource.name === undefined ? undefined : neutralise(resource.name), resource.region, resource.account, tags);
  return { ...resource, id: neutralise(resource.id), ...(resource.name !== undefined ? { name: neutralise(resource.name) } : {}), ...(tags ? { tags } : {}) };
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
