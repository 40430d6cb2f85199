import { describe, expect, it } from 'vitest';
import { escapeMarkdown, plural } from './text.js';

describe('text helpers', () => {
  it('keeps account data from becoming markdown or HTML', () => {
    expect(escapeMarkdown('bucket *x* | <img src=x> [a](b)\nnext')).toBe('bucket \\*x\\* \\| \\<img src=x\\> \\[a\\](b) next');
  });

  it('counts nouns', () => {
    expect([plural(1, 'finding'), plural(0, 'finding'), plural(2, 'finding')]).toEqual(['1 finding', '0 findings', '2 findings']);
  });
});
