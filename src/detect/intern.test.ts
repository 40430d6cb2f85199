import { describe, expect, it } from 'vitest';
import { intern, internedCount, MAX_INTERNED, shareStrings } from './intern.js';

describe('intern', () => {
  it('returns the text it is given, and holds each distinct text once', () => {
    const before = internedCount();
    const text = JSON.parse('"arn:aws:iam::111122223333:user/alice"') as string;
    expect(intern(text)).toBe('arn:aws:iam::111122223333:user/alice');
    expect(intern(JSON.parse('"arn:aws:iam::111122223333:user/alice"') as string)).toBe(text);
    expect(intern('')).toBe('');
    expect(internedCount()).toBe(before + 2);
  });

  it('stays bounded: past its size it starts over and still returns the right text', () => {
    for (let i = 0; i < MAX_INTERNED + 10; i++) expect(intern(`value-${i}`)).toBe(`value-${i}`);
    expect(internedCount()).toBeLessThanOrEqual(MAX_INTERNED);
    expect(intern('value-3')).toBe('value-3');
  });

  it('shareStrings swaps an event\'s recurring texts, nested ones included, for shared copies and leaves ids and times', () => {
    const parse = () => JSON.parse('{"eventID":"id-1","eventTime":"2026-11-20T09:00:00Z","eventSource":"ssm.amazonaws.com","userIdentity":{"arn":"arn:aws:iam::1:user/shared"},"resources":[{"ARN":"arn:aws:ssm:eu-west-1:1:parameter/db"}],"n":3}') as Record<string, unknown>;
    const first = shareStrings(parse());
    const before = internedCount();
    const second = shareStrings(parse());
    expect(second).toEqual(first);
    expect(internedCount()).toBe(before);
    expect(Object.isFrozen(shareStrings(Object.freeze({ a: 'x' })))).toBe(true);
  });

  it('shareStrings leaves what a call asked and returned as it is: its texts are seldom repeated', () => {
    const event = JSON.parse('{"requestParameters":{"name":"/app/db/password-7f3a"},"responseElements":{"id":"r-9"},"additionalEventData":{"x":"y-1"}}') as Record<string, unknown>;
    const before = internedCount();
    expect(shareStrings(event)).toEqual({ requestParameters: { name: '/app/db/password-7f3a' }, responseElements: { id: 'r-9' }, additionalEventData: { x: 'y-1' } });
    expect(internedCount()).toBe(before);
  });
});
