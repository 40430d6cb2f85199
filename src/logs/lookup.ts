/**
 * Management events of the last 90 days through CloudTrail's LookupEvents, for accounts without a
 * trail bucket at hand. The API allows 2 requests per second per account and region, returns 50
 * events a page and each event as a JSON string; regions are read in parallel, each paced on its
 * own. IAM, STS and sign-in events are recorded in us-east-1 only, so that region is always read.
 * Pages come newest first, so each region is read a day at a time, oldest day first, and each day
 * handed on in time order: correlations then see events as they happened. Narrowed by lookup
 * attributes (a key, a user name, an event name), each attribute is its own series of requests,
 * since the API takes one per request; they share the region's pacing.
 */
import type { CloudTrailClient, LookupAttribute } from '@aws-sdk/client-cloudtrail';
import type { AwsContext } from '../aws/context.js';
import { errorCode } from '../aws/errors.js';
import { isRecord, type CloudTrailRecord } from './records.js';
import { awsSdk } from '../aws/sdk-modules.js';

export const LOOKUP_INTERVAL_MS = 500;
export const LOOKUP_DAYS = 90;
const DAY = 86_400_000;

export interface LookupPage {
  readonly region: string;
  readonly records: CloudTrailRecord[];
  readonly skipped: number;
  /** The lookup attribute the page answers, when the lookup was narrowed. */
  readonly attribute?: LookupAttribute;
}

export interface LookupOptions {
  readonly regions: readonly string[];
  readonly since: number;
  readonly until: number;
  /** Only events matching one of these (each read on its own); all events when absent or empty. */
  readonly attributes?: readonly LookupAttribute[];
  /** Waits between requests in one region; injectable so tests need not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onPage: (page: LookupPage) => void;
  readonly onRegionError: (region: string, reason: string) => void;
}

export async function lookupEvents(aws: AwsContext, options: LookupOptions): Promise<void> {
  const { CloudTrailClient } = awsSdk('cloudtrail');
  const regions = [...new Set(['us-east-1', ...options.regions])];
  await Promise.all(regions.map((region) => lookupRegion(aws.client('cloudtrail', region, CloudTrailClient), region, options)));
}

async function lookupRegion(client: CloudTrailClient, region: string, options: LookupOptions): Promise<void> {
  const { LookupEventsCommand } = awsSdk('cloudtrail');
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last = 0;
  const attributes = options.attributes?.length ? options.attributes : [undefined];
  try {
    for (const attribute of attributes) {
      for (let start = options.since; start < options.until; start += DAY) {
        const end = Math.min(start + DAY, options.until);
        const records: CloudTrailRecord[] = [];
        let skipped = 0;
        let token: string | undefined;
        do {
          const wait = last + LOOKUP_INTERVAL_MS - Date.now();
          if (last && wait > 0) await sleep(wait);
          last = Date.now();
          const narrowed = attribute ? { LookupAttributes: [attribute] } : {};
          const page = await client.send(new LookupEventsCommand({ StartTime: new Date(start), EndTime: new Date(end), MaxResults: 50, ...narrowed, ...(token ? { NextToken: token } : {}) }));
          for (const e of page.Events ?? []) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(e.CloudTrailEvent ?? '');
            } catch {
              parsed = undefined;
            }
            if (isRecord(parsed)) records.push(parsed);
            else skipped++;
          }
          token = page.NextToken;
        } while (token);
        records.sort((a, b) => Date.parse(a.eventTime as string) - Date.parse(b.eventTime as string));
        options.onPage({ region, records, skipped, ...(attribute ? { attribute } : {}) });
      }
    }
  } catch (error) {
    options.onRegionError(region, `cloudtrail:LookupEvents ${errorCode(error)}`);
  }
}
