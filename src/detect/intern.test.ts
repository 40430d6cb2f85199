import { describe, expect, it } from 'vitest';
import { intern, internedCount, MAX_INTERNED } from './intern.js';

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
});
