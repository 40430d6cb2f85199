/**
 * The CloudTrail records respond needs, from LookupEvents (narrowed to the suspect's keys and user
 * names, one attribute per request as the API allows), trail log files or a trail bucket, through
 * the detect readers. Two kinds are kept: the suspect's own records, and, from anyone, the calls
 * that date things the live APIs cannot (security group rules, bucket policies, sharing) or say
 * who made something. The suspect's sessions are followed: keys its STS calls returned are its too.
 */
import { readFile } from 'node:fs/promises';
import type { LookupAttribute } from '@aws-sdk/client-cloudtrail';
import type { AwsContext } from '../../aws/context.js';
import { classify } from '../../aws/errors.js';
import { listLocalFiles, reasonOf } from '../../logs/cloudtrail-files.js';
import { lookupEvents } from '../../logs/lookup.js';
import { parseLogFile, type CloudTrailRecord } from '../../logs/records.js';
import { fetchObject, listTrailObjects, parseS3Url, s3Client } from '../../logs/s3.js';
import type { EventSource } from '../scope-options.js';
import type { Unreadable } from '../scope.js';
import { MADE_BY } from './made-by.js';
import type { Suspect } from './suspect.js';

/** Calls read from every actor, whoever the suspect is: what only CloudTrail can date. */
export const DATING_EVENTS = ['CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'PutBucketPolicy', 'DeleteBucketPolicy', 'ModifySnapshotAttribute', 'ModifyImageAttribute'];

/** How many times new session keys are looked up in turn (a session that assumes a role that assumes another…). */
const MAX_SESSION_ROUNDS = 4;

export interface EventRead {
  /** The suspect's records, in time order. */
  readonly suspect: CloudTrailRecord[];
  /** The suspect's records and the dating calls of others, in time order: what provenance is built from. */
  readonly all: CloudTrailRecord[];
  readonly unreadable: Unreadable[];
  /** Regions whose events could not be read, with why. */
  readonly gaps: Map<string, string>;
}

export interface EventReadOptions {
  readonly source: EventSource;
  readonly since: Date;
  readonly until: Date;
  readonly regions: readonly string[];
  readonly homeRegion: string;
  readonly sleep?: (ms: number) => Promise<void>;
}

class Collected {
  private readonly seen = new Map<string, CloudTrailRecord>();
  private readonly mine = new Set<string>();
  readonly unreadable: Unreadable[] = [];
  readonly gaps = new Map<string, string>();

  constructor(
    private readonly suspect: Suspect,
    private readonly since: number,
  ) {}

  add(record: CloudTrailRecord): void {
    if (Date.parse(record.eventTime as string) < this.since) return;
    const key = typeof record.eventID === 'string' ? record.eventID : JSON.stringify(record);
    if (this.mine.has(key)) return;
    if (this.suspect.matches(record)) {
      this.mine.add(key);
      this.seen.set(key, record);
    } else if (!this.seen.has(key) && (DATING_EVENTS.includes(record.eventName as string) || (record.eventName as string) in MADE_BY)) this.seen.set(key, record);
  }

  result(): EventRead {
    const byTime = (a: CloudTrailRecord, b: CloudTrailRecord) => Date.parse(a.eventTime as string) - Date.parse(b.eventTime as string);
    const all = [...this.seen.values()].sort(byTime);
    return { suspect: all.filter((r) => this.mine.has(typeof r.eventID === 'string' ? r.eventID : JSON.stringify(r))), all, unreadable: this.unreadable, gaps: this.gaps };
  }
}

export async function readEvents(aws: AwsContext, suspect: Suspect, options: EventReadOptions): Promise<EventRead> {
  const collected = new Collected(suspect, options.since.getTime());
  const { source } = options;
  if (source.kind === 'lookup') await fromLookup(aws, suspect, collected, options);
  else await fromFiles(aws, suspect, collected, options, source);
  return collected.result();
}

async function fromLookup(aws: AwsContext, suspect: Suspect, collected: Collected, options: EventReadOptions): Promise<void> {
  const lookup = (attributes: readonly LookupAttribute[]) =>
    lookupEvents(aws, {
      regions: options.regions,
      since: options.since.getTime(),
      until: options.until.getTime(),
      attributes,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onPage: (page) => page.records.forEach((r) => collected.add(r)),
      onRegionError: (region, reason) => {
        if (collected.gaps.has(region)) return;
        collected.gaps.set(region, reason);
        const denied = classify(reason.split(' ').pop() ?? '') === 'access-denied';
        collected.unreadable.push({ kind: 'activity', region, ...(denied ? { permission: 'cloudtrail:LookupEvents' } : {}), reason: `could not read ${reason}` });
      },
    });
  const key = (k: string): LookupAttribute => ({ AttributeKey: 'AccessKeyId', AttributeValue: k });
  if (!suspect.named) await lookup([{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }]);
  // A role or root cannot be named to LookupEvents: everything since T is read and picked from.
  else if (suspect.unnarrowable) await lookup([]);
  else {
    const byName = DATING_EVENTS.map((name): LookupAttribute => ({ AttributeKey: 'EventName', AttributeValue: name }));
    await lookup([...[...suspect.keys].map(key), ...suspect.userNames.map((u): LookupAttribute => ({ AttributeKey: 'Username', AttributeValue: u })), ...byName]);
  }
  // Records already read are matched again once a session key is known; keys still unread are looked up.
  let asked = 0;
  for (let round = 0; round < MAX_SESSION_ROUNDS && asked < suspect.sessionKeys.length; round++) {
    const fresh = suspect.sessionKeys.slice(asked);
    asked = suspect.sessionKeys.length;
    await lookup(fresh.map(key));
  }
}

async function fromFiles(aws: AwsContext, suspect: Suspect, collected: Collected, options: EventReadOptions, source: Exclude<EventSource, { kind: 'lookup' }>): Promise<void> {
  const range = { since: options.since.getTime(), until: options.until.getTime() };
  const files: { name: string; load: () => Promise<Uint8Array> }[] = [];
  if (source.kind === 'trail-logs') {
    const listing = await listLocalFiles(source.paths, range);
    for (const u of listing.unreadable) collected.unreadable.push({ kind: 'activity', region: 'global', reason: `${u.name}: ${u.reason}` });
    for (const f of listing.files) files.push({ name: f.name, load: () => readFile(f.name) });
  } else {
    const client = s3Client(aws, options.homeRegion);
    for (const url of source.urls) {
      const location = parseS3Url(url);
      try {
        for await (const o of listTrailObjects({ client, location, range, regions: options.regions })) files.push({ name: o.name, load: () => fetchObject(client, location.bucket, o.key) });
      } catch (error) {
        const denied = classify((error as Error).name) === 'access-denied';
        collected.unreadable.push({ kind: 'activity', region: 'global', ...(denied ? { permission: 's3:ListBucket' } : {}), reason: `cannot list ${url}: ${(error as Error).name}: ${reasonOf(error)}` });
      }
    }
  }
  const scan = async (only?: ReadonlySet<string>) => {
    for (const file of files) {
      let data: Uint8Array;
      try {
        data = await file.load();
      } catch (error) {
        if (!only) collected.unreadable.push({ kind: 'activity', region: 'global', reason: `${file.name}: ${reasonOf(error)}` });
        continue;
      }
      const parsed = parseLogFile(data);
      if (parsed.problem && !only) collected.unreadable.push({ kind: 'activity', region: 'global', reason: `${file.name}: ${parsed.problem}` });
      for (const record of parsed.records) {
        const key = (record.userIdentity as Record<string, unknown> | undefined)?.accessKeyId;
        if (!only || (typeof key === 'string' && only.has(key))) collected.add(record);
      }
    }
  };
  await scan();
  // A session's calls may sit in files read before the AssumeRole that made it: one more pass for those.
  if (suspect.sessionKeys.length) await scan(new Set(suspect.sessionKeys));
  if (files.length === 0) for (const region of options.regions) collected.gaps.set(region, 'no trail log file could be read');
}
