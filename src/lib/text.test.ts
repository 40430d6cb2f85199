import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutralise, plural } from './text.js';

describe('text helpers', () => {
  it('keeps account data from becoming markdown or HTML', () => {
    expect(escapeMarkdown('bucket *x* | <img src=x> [a](b)\nnext')).toBe('bucket \\*x\\* \\| \\<img src=x\\> \\[a\\](b)\\\\x0anext');
  });

  it('keeps account data from pinging people or becoming links in markdown', () => {
    const shown = escapeMarkdown('ping @octocat, see https://evil.example and www.evil.example');
    expect(shown).toBe('ping @\u200boctocat, see https:\u200b//evil.example and www\u200b.evil.example');
    expect(shown).not.toMatch(/@\w|https?:\/\/|www\./);
  });

  it('shows control characters and bidirectional overrides escaped', () => {
    expect(neutralise('a\u001b[2Jb\u001b]0;title\u0007c\rd\u0000e\u009bf\u202eg')).toBe('a\\x1b[2Jb\\x1b]0;title\\x07c\\x0dd\\x00e\\x9bf\\u202eg');
    expect(neutralise('plain ünïcode ✓ name')).toBe('plain ünïcode ✓ name');
  });

  it('counts nouns', () => {
    expect([plural(1, 'finding'), plural(0, 'finding'), plural(2, 'finding')]).toEqual(['1 finding', '0 findings', '2 findings']);
  });
});
