import { describe, expect, it } from 'vitest';
import { detectEvents } from './engine.js';
import type { Event } from './sigma/fields.js';
import { loadRules } from './sigma/load.js';

const rules = (correlation: string) => `title: many reads
id: c0000000-0000-4000-8000-000000000000
level: high
correlation:
${correlation.replace(/^/gm, '  ')}
---
title: read
id: a0000000-0000-4000-8000-000000000000
name: read
logsource: { product: aws, service: cloudtrail }
detection:
  s: { eventName: GetSecretValue }
  condition: s
`;
const read = (minute: number, secret: string): Event => ({
  eventTime: new Date(Date.UTC(2026, 10, 20, 8, minute)).toISOString(),
  eventName: 'GetSecretValue',
  eventID: `read-${minute}-${secret}`,
  userIdentity: { arn: 'arn:aws:iam::1:user/alice' },
  recipientAccountId: '1',
  awsRegion: 'us-east-1',
  requestParameters: { secretId: secret },
});
const run = (correlation: string, events: Event[]) => detectEvents(loadRules([{ file: 'c.yml', text: rules(correlation) }]), events);

describe('sliding windows of immediate correlations', () => {
  const distinct = 'type: value_count\nrules: [read]\ngroup-by: [userIdentity.arn]\ntimespan: 10m\ncondition: { field: requestParameters.secretId, gte: 3 }';

  it('counts the distinct values inside the window, not those the group still holds from before it', () => {
    // a, b, then c 20 minutes later: three values in the group, never three within 10 minutes.
    expect(run(distinct, [read(0, 'a'), read(1, 'b'), read(21, 'c'), read(22, 'c')])).toEqual([]);
    const alerts = run(distinct, [read(0, 'a'), read(1, 'b'), read(21, 'c'), read(22, 'd'), read(23, 'e')]);
    expect(alerts.map((a) => a.eventIds)).toEqual([['read-21-c', 'read-22-d', 'read-23-e']]);
  });

  it('a value repeated many times counts once, and counts again once its copies leave the window', () => {
    const many = Array.from({ length: 50 }, (_, i) => read(i % 5, 'a'));
    expect(run(distinct, [...many, read(5, 'b')])).toEqual([]);
    expect(run(distinct, [...many, read(5, 'b'), read(6, 'c')]).map((a) => a.count)).toEqual([52]);
    // Every copy of a is older than 10 minutes at 16: b, c and d are the three values.
    expect(run(distinct, [...many, read(15, 'b'), read(15, 'c'), read(16, 'd')]).map((a) => a.eventIds)).toEqual([['read-15-b', 'read-15-c', 'read-16-d']]);
  });

  it('event_count counts the matches inside the window only', () => {
    const burst = 'type: event_count\nrules: [read]\ngroup-by: [userIdentity.arn]\ntimespan: 10m\ncondition: { gte: 3 }';
    expect(run(burst, [read(0, 'a'), read(1, 'a'), read(12, 'a'), read(13, 'a')])).toEqual([]);
    expect(run(burst, [read(0, 'a'), read(1, 'a'), read(12, 'a'), read(13, 'a'), read(14, 'a')]).map((a) => a.count)).toEqual([3]);
  });
});

describe('temporal correlations that list one rule twice', () => {
  /** A single-event rule named `name` (its id starts with `idDigit`) on one eventName. */
  const single = (name: string, idDigit: string, eventName: string) => `title: ${name}
id: ${idDigit}0000000-0000-4000-8000-000000000000
name: ${name}
logsource: { product: aws, service: cloudtrail }
detection: { s: { eventName: ${eventName} }, condition: s }`;
  const twice = (type: string) => `title: read, list, read
id: c1000000-0000-4000-8000-000000000000
level: high
correlation: { type: ${type}, rules: [read, list, read], group-by: [userIdentity.arn], timespan: 10m }
---
${single('read', 'a', 'GetSecretValue')}
---
${single('list', 'b', 'ListSecrets')}
`;
  const list = (minute: number): Event => ({ ...read(minute, 'x'), eventName: 'ListSecrets', eventID: `list-${minute}` });
  const alerts = (type: string, events: Event[]) => detectEvents(loadRules([{ file: 't.yml', text: twice(type) }]), events).filter((a) => a.title === 'read, list, read');

  it('temporal_ordered fires on a read, a list, then a second read, and not without the second read', () => {
    expect(alerts('temporal_ordered', [read(0, 'a'), list(1), read(2, 'b')]).map((a) => a.eventIds)).toEqual([['read-0-a', 'list-1', 'read-2-b']]);
    expect(alerts('temporal_ordered', [read(0, 'a'), list(1)])).toEqual([]);
  });

  it('temporal fires once both rules matched in the window', () => {
    expect(alerts('temporal', [read(0, 'a'), list(1)]).map((a) => a.eventIds)).toEqual([['read-0-a', 'list-1']]);
    expect(alerts('temporal', [read(0, 'a'), read(1, 'b')])).toEqual([]);
  });
});
