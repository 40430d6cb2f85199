/**
 * Bucket policies changed since T, as CloudTrail tells (S3 keeps no date on a policy): the last
 * PutBucketPolicy of each bucket, unless a DeleteBucketPolicy came after it, with what it opens.
 */
import { actorOf } from '../../detect/alert.js';
import { appliesToAnyone, isPolicy, parsePolicy } from '../../policy/document.js';
import type { CloudTrailRecord } from '../../logs/records.js';
import { emptyResult, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';

export const bucketPolicyReader: ScopeReader = {
  name: 's3 bucket policies',
  scope: 'global',
  operations: [],
  read: readBucketPolicies,
};

function notesOf(record: CloudTrailRecord, account: string): string[] {
  const document = (record.requestParameters as Record<string, unknown> | undefined)?.bucketPolicy;
  const policy = document === undefined ? undefined : parsePolicy('bucket policy', document);
  if (!policy || !isPolicy(policy)) return [];
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  const notes = allows.some(appliesToAnyone) ? ['grants access to anyone (Principal *)'] : [];
  const foreign = new Set(allows.flatMap((s) => s.principals?.aws ?? []).flatMap((p) => /(?:^|::)(\d{12})(?::|$)/.exec(p)?.[1] ?? []).filter((a) => a !== account));
  return [...notes, ...[...foreign].map((a) => `grants access to foreign account ${a}`)];
}

async function readBucketPolicies(context: ReadContext): Promise<ReadResult> {
  const result = emptyResult();
  const provenance = await context.provenance();
  for (const [region, gap] of provenance.gaps) result.unreadable.push({ kind: 's3-bucket-policy', region, permission: 'cloudtrail:LookupEvents', reason: `bucket policy changes are known from CloudTrail only, which could not be read here: ${gap}` });
  const last = new Map<string, CloudTrailRecord>();
  for (const record of provenance.events(['PutBucketPolicy', 'DeleteBucketPolicy'])) {
    const bucket = (record.requestParameters as Record<string, unknown> | undefined)?.bucketName;
    if (typeof bucket === 'string') last.set(bucket, record);
  }
  const { partition, id } = context.account;
  for (const [bucket, record] of last) {
    if (record.eventName !== 'PutBucketPolicy') continue;
    const eventId = typeof record.eventID === 'string' ? record.eventID : undefined;
    result.items.push(
      item({ kind: 's3-bucket-policy', id: bucket, arn: `arn:${partition}:s3:::${bucket}`, region: typeof record.awsRegion === 'string' ? record.awsRegion : 'global', createdAt: new Date(Date.parse(record.eventTime as string)).toISOString(), createdBy: actorOf(record).principal, ...(eventId ? { eventId } : {}), notes: notesOf(record, id) }),
    );
  }
  return result;
}
