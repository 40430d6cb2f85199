/**
 * A trail bucket read in place. `s3://bucket/prefix` is walked level by level in the S3 layout
 * (AWSLogs → [organisation →] account → CloudTrail → region → YYYY/MM/DD), so --since/--until list
 * only the day folders in range and Digest/Insight folders are never listed. A prefix below or
 * outside the layout is listed whole. Objects are fetched as the pool asks for them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import { deliveryTime, isLogName, mayHoldRange, DELIVERY_MARGIN_MS, type TimeRange } from './cloudtrail-files.js';
import { awsSdk } from '../aws/sdk-modules.js';

export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) throw new UserError(`--s3 ${url}: expected s3://bucket or s3://bucket/prefix`);
  const prefix = m[2] ?? '';
  return { bucket: m[1]!, prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix };
}

export interface S3Object {
  readonly name: string;
  readonly key: string;
  readonly size: number;
  readonly delivered?: number;
}

export interface S3Walk {
  readonly client: S3Client;
  readonly location: S3Location;
  readonly range: TimeRange;
  readonly regions?: readonly string[];
  /** Called for every object left out by its name's delivery time. */
  readonly outside?: () => void;
}

const DAY = 86_400_000;

/** Every log object under the location, oldest delivery first within each day folder. */
export async function* listTrailObjects(walk: S3Walk): AsyncGenerator<S3Object> {
  yield* descend(walk, walk.location.prefix);
}

async function* descend(walk: S3Walk, prefix: string): AsyncGenerator<S3Object> {
  const after = prefix.split('AWSLogs/')[1];
  if (after === undefined) {
    const { folders } = await listLevel(walk, prefix);
    if (folders.includes(`${prefix}AWSLogs/`)) yield* descend(walk, `${prefix}AWSLogs/`);
    else yield* everything(walk, prefix);
    return;
  }
  const parts = after.split('/').filter(Boolean);
  const org = parts[0]?.startsWith('o-') ? 1 : 0;
  const depth = parts.length - org; // 0: accounts, 1: services, 2: regions, 3: a region
  if (depth === 0 || depth === 1) {
    const { folders } = await listLevel(walk, prefix);
    for (const folder of folders) {
      const name = folder.slice(prefix.length, -1);
      if (depth === 1 && name !== 'CloudTrail') continue; // Digest, Insight and other services' logs
      if (depth === 0 && !/^(\d{12}|o-[a-z0-9]+)$/.test(name)) continue;
      yield* descend(walk, folder);
    }
    return;
  }
  if (depth === 2) {
    const { folders } = await listLevel(walk, prefix);
    for (const folder of folders) {
      const region = folder.slice(prefix.length, -1);
      if (walk.regions?.length && !walk.regions.includes(region)) continue;
      yield* descend(walk, folder);
    }
    return;
  }
  if (depth === 3 && walk.range.since !== undefined) {
    const end = (walk.range.until ?? Date.now()) + DELIVERY_MARGIN_MS;
    for (let day = Math.floor(walk.range.since / DAY) * DAY; day <= end; day += DAY) {
      yield* everything(walk, `${prefix}${new Date(day).toISOString().slice(0, 10).replaceAll('-', '/')}/`);
    }
    return;
  }
  yield* everything(walk, prefix);
}

async function listLevel(walk: S3Walk, prefix: string): Promise<{ folders: string[] }> {
  const { ListObjectsV2Command } = awsSdk('s3');
  const folders: string[] = [];
  let token: string | undefined;
  do {
    const page = await walk.client.send(new ListObjectsV2Command({ Bucket: walk.location.bucket, Prefix: prefix, Delimiter: '/', ...(token ? { ContinuationToken: token } : {}) }));
    for (const p of page.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { folders };
}

async function* everything(walk: S3Walk, prefix: string): AsyncGenerator<S3Object> {
  const { ListObjectsV2Command } = awsSdk('s3');
  let token: string | undefined;
  do {
    const page = await walk.client.send(new ListObjectsV2Command({ Bucket: walk.location.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of page.Contents ?? []) {
      if (!o.Key || !isLogName(o.Key)) continue;
      const delivered = deliveryTime(o.Key);
      const object: S3Object = { name: `s3://${walk.location.bucket}/${o.Key}`, key: o.Key, size: o.Size ?? 0, ...(delivered !== undefined ? { delivered } : {}) };
      if (mayHoldRange(object, walk.range)) yield object;
      else walk.outside?.();
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export async function fetchObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const { GetObjectCommand } = awsSdk('s3');
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) throw new Error('the object has no body');
  return response.Body.transformToByteArray();
}

/** The S3 client for a bucket, in the home region (the SDK follows a redirect to the bucket's own region). */
export function s3Client(aws: AwsContext, region: string): S3Client {
  const { S3Client } = awsSdk('s3');
  return aws.client('s3', region, S3Client);
}
