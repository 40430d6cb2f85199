/**
 * The CloudTrail events respond read, indexed by what they made: the first event that made or
 * shared a thing names who did it. Readers of things without a creation date (security groups and
 * their rules, bucket policies, sharing of old snapshots) ask for events by name here.
 */
import { actorOf } from '../../detect/alert.js';
import type { CloudTrailRecord } from '../../logs/records.js';
import type { ScopeItem, ScopeKind } from '../scope.js';
import { madeBy } from './made-by.js';

export interface Maker {
  readonly createdBy: string;
  readonly eventId?: string;
  readonly time: string;
  readonly record: CloudTrailRecord;
}

export class Provenance {
  private readonly made = new Map<string, Maker>();
  private readonly byName = new Map<string, CloudTrailRecord[]>();

  /**
   * `records` in time order; `gaps` are the regions whose events could not be read (with why), where
   * what only CloudTrail can date stays unknown.
   */
  constructor(
    records: readonly CloudTrailRecord[],
    readonly gaps: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const record of records) {
      const name = record.eventName as string;
      let list = this.byName.get(name);
      if (!list) this.byName.set(name, (list = []));
      list.push(record);
      for (const thing of madeBy(record)) {
        const key = `${thing.kind}\u0000${thing.id}`;
        if (this.made.has(key)) continue;
        const eventId = typeof record.eventID === 'string' ? record.eventID : undefined;
        this.made.set(key, { createdBy: actorOf(record).principal, ...(eventId ? { eventId } : {}), time: record.eventTime as string, record });
      }
    }
  }

  /** Why the events of a region are incomplete, if they are (IAM, STS and S3 control calls are logged in us-east-1). */
  gap(region: string): string | undefined {
    return this.gaps.get(region);
  }

  maker(kind: ScopeKind, id: string): Maker | undefined {
    return this.made.get(`${kind}\u0000${id}`);
  }

  /** Successful calls of these names (in time order), optionally in one region. */
  events(names: readonly string[], region?: string): CloudTrailRecord[] {
    return names
      .flatMap((n) => this.byName.get(n) ?? [])
      .filter((r) => !r.errorCode && (region === undefined || r.awsRegion === region))
      .sort((a, b) => Date.parse(a.eventTime as string) - Date.parse(b.eventTime as string));
  }

  /** The item with who made it, when an event tells and the reader did not already say. */
  annotate(item: ScopeItem): ScopeItem {
    if (item.createdBy) return item;
    const maker = this.maker(item.kind, item.id);
    return maker ? { ...item, createdBy: maker.createdBy, ...(maker.eventId ? { eventId: maker.eventId } : {}) } : item;
  }
}
