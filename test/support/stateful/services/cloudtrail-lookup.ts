/**
 * CloudTrail LookupEvents over a scripted list of records: one region's events (IAM, STS and
 * sign-in are global, logged in us-east-1), newest first, narrowed by one lookup attribute and by
 * StartTime/EndTime, in pages of MaxResults (at most 50). Answers only when `cloudtrailEvents` is seeded.
 */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface LookupSeed {
  /** CloudTrail records as a trail writes them. */
  readonly events: readonly Record<string, unknown>[];
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** What each attribute key compares, as LookupEvents does. */
const ATTRIBUTE: Record<string, (r: Record<string, unknown>) => unknown> = {
  AccessKeyId: (r) => obj(r.userIdentity).accessKeyId,
  Username: (r) => obj(r.userIdentity).userName ?? obj(obj(obj(r.userIdentity).sessionContext).sessionIssuer).userName,
  EventName: (r) => r.eventName,
  EventSource: (r) => r.eventSource,
  EventId: (r) => r.eventID,
  ReadOnly: (r) => String(r.readOnly === true),
};

const service: StatefulService = {
  name: 'cloudtrail-lookup',
  handle(request, world) {
    if (request.service !== 'cloudtrail' || request.action !== 'LookupEvents') return undefined;
    const seed = world.section('cloudtrailEvents', (s) => s as LookupSeed | undefined);
    if (!seed) return undefined;
    if (world.isDenied('cloudtrail:LookupEvents')) return json({ __type: 'AccessDeniedException', message: 'not authorized to perform: cloudtrail:LookupEvents' }, 400);
    const input = JSON.parse(request.body || '{}') as { StartTime?: number; EndTime?: number; MaxResults?: number; NextToken?: string; LookupAttributes?: { AttributeKey: string; AttributeValue: string }[] };
    const attributes = input.LookupAttributes ?? [];
    if (attributes.length > 1) return json({ __type: 'InvalidLookupAttributesException', message: 'You cannot specify more than one lookup attribute.' }, 400);
    const start = input.StartTime !== undefined ? input.StartTime * 1000 : -Infinity;
    const end = input.EndTime !== undefined ? input.EndTime * 1000 : Infinity;
    const max = Math.min(input.MaxResults ?? 50, 50);
    const matching = seed.events
      .filter((r) => r.awsRegion === request.region)
      .filter((r) => {
        const t = Date.parse(r.eventTime as string);
        return t >= start && t <= end;
      })
      .filter((r) => attributes.every((a) => ATTRIBUTE[a.AttributeKey]?.(r) === a.AttributeValue))
      .sort((a, b) => Date.parse(b.eventTime as string) - Date.parse(a.eventTime as string));
    const from = Number(input.NextToken ?? 0);
    const page = matching.slice(from, from + max);
    const events = page.map((r) => ({
      EventId: r.eventID,
      EventName: r.eventName,
      ReadOnly: String(r.readOnly === true),
      AccessKeyId: obj(r.userIdentity).accessKeyId,
      EventTime: Date.parse(r.eventTime as string) / 1000,
      EventSource: r.eventSource,
      Username: obj(r.userIdentity).userName,
      Resources: [],
      CloudTrailEvent: JSON.stringify(r),
    }));
    return json({ Events: events, ...(from + max < matching.length ? { NextToken: String(from + max) } : {}) });
  },
};
export default service;
