/**
 * Reads the scope of an incident from the live account: the suspect's events first in flight
 * (LookupEvents is paced at 2 requests a second), every reader at once beside it (IAM,
 * Organizations and bucket policies once, the rest in every region, all through the context's
 * shared limit), and those that can only be dated by CloudTrail wait for the events.
 */
import type { AwsContext } from '../aws/context.js';
import { HOME_REGION } from '../aws/partition.js';
import { VERSION } from '../version.js';
import { SCOPE_SCHEMA_VERSION, scopeSchema, type ScopeItem, type Unreadable } from './scope.js';
import type { ScopeOptions, ScopeResult } from './scope-options.js';
import { alertsFor, summarise } from './scope/activity.js';
import { readCost } from './scope/cost.js';
import { readEvents } from './scope/events.js';
import { SCOPE_READERS } from './scope/index.js';
import { Provenance } from './scope/provenance.js';
import type { ReadResult, ScopeReader } from './scope/reader.js';
import { actingPrincipals, Suspect } from './scope/suspect.js';

export async function readScope(aws: AwsContext, options: ScopeOptions): Promise<ScopeResult> {
  const now = options.now ?? new Date();
  const homeRegion = HOME_REGION[options.account.partition];
  const suspect = new Suspect(options.accessKeys, options.principals);
  const progress = options.onProgress ?? (() => undefined);
  const events = readEvents(aws, suspect, { source: options.events, since: options.since, until: now, regions: options.regions, homeRegion, ...(options.sleep ? { sleep: options.sleep } : {}) }).then((read) => {
    progress(`events: ${read.suspect.length} of the suspect's${read.gaps.size ? ` (${read.gaps.size} regions unreadable)` : ''}`);
    return read;
  });
  const provenance = events.then((read) => new Provenance(read.all, read.gaps));
  // Readers take it when they need it; a failed read of the events is raised once, by `events` below.
  provenance.catch(() => undefined);
  const run = async (reader: ScopeReader, region: string): Promise<ReadResult> => {
    let result: ReadResult;
    try {
      result = await reader.read({ aws, account: options.account, region, since: options.since, provenance: () => provenance });
    } catch (error) {
      // A reader's own bug or an answer it could not parse: said, never taken for "nothing new".
      const where = reader.scope === 'global' ? 'global' : region;
      result = { items: [], unreadable: [{ kind: reader.name, region: where, reason: `could not read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }] };
    }
    progress(`${reader.name}${reader.scope === 'regional' ? ` in ${region}` : ''}: ${result.items.length} new${result.unreadable.length ? `, ${result.unreadable.length} unreadable` : ''}`);
    return result;
  };
  const reads = SCOPE_READERS.flatMap((reader) => (reader.scope === 'global' ? [run(reader, homeRegion)] : options.regions.map((region) => run(reader, region))));
  const [results, cost, read] = await Promise.all([Promise.all(reads), readCost({ aws, account: options.account }, now), events]);
  const known = await provenance;

  const items = results.flatMap((r) => r.items).map((i) => known.annotate(i)).sort(byTimeThenId);
  const unreadable = dedupe([...read.unreadable, ...results.flatMap((r) => r.unreadable), ...cost.unreadable]);
  const scope = scopeSchema.parse({
    kind: 'bulwark-respond-scope',
    schemaVersion: SCOPE_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: VERSION },
    account: { id: options.account.id, partition: options.account.partition, ...(options.account.callerArn ? { callerArn: options.account.callerArn } : {}) },
    source: 'live',
    since: options.since.toISOString(),
    readAt: now.toISOString(),
    regions: [...options.regions],
    // The principals named, and those the suspect's keys acted as (a stolen key's user).
    suspect: { accessKeys: [...options.accessKeys], principals: [...new Set([...options.principals, ...actingPrincipals(read.suspect, suspect)])] },
    activity: { source: options.events.kind, ...summarise(read.suspect), alerts: await alertsFor(read.suspect) },
    items,
    ...(cost.cost ? { cost: cost.cost } : {}),
    unreadable,
  });
  return { scope, events: read.suspect };
}

function byTimeThenId(a: ScopeItem, b: ScopeItem): number {
  return a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);
}

/** One entry per kind, region and permission: a thousand users' denied ListAccessKeys is one line. */
function dedupe(entries: readonly Unreadable[]): Unreadable[] {
  const seen = new Map<string, Unreadable>();
  for (const e of entries) {
    const key = [e.kind, e.region, e.permission ?? ''].join('\u0000');
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.values()];
}
