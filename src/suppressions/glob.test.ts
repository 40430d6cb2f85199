import { describe, expect, it } from 'vitest';
import { globMatch } from './glob.js';

/** The meaning the globs always had, as a regex: used here only on inputs too small to blow up. */
const reference = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'su').test(value);

describe('globMatch', () => {
  it.each([
    ['iam-user-*', 'iam-user-mfa-enforced', true],
    ['iam-user-*', 'iam-role-trust-restricted', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['*-site-*', 'arn:aws:s3:::public-site-www', true],
    ['*ab*ab', 'xabab', true],
    ['*ab*ab', 'xab', false],
    ['a*a', 'a', false],
    ['a**b', 'ab', true],
    ['?', '😀', true],
    ['dev*', 'Dev-eu', false],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
    expect(reference(pattern, value)).toBe(expected);
  });

  it('agrees with the regex meaning on every short pattern and value over a small alphabet', () => {
    const words = (alphabet: string[], length: number): string[] => (length === 0 ? [''] : words(alphabet, length - 1).flatMap((w) => [w, ...alphabet.map((c) => w + c)]));
    const patterns = [...new Set(words(['a', 'b', '*', '?'], 4))];
    const values = [...new Set(words(['a', 'b'], 5))];
    for (const pattern of patterns) for (const value of values) expect(globMatch(pattern, value), `${pattern} ~ ${value}`).toBe(reference(pattern, value));
  });

  it('answers a pattern of many stars against a long name without backtracking', () => {
    // As a regex, ^.*a.*a…b$ against 5,000 a's tries every way to split them: it never finishes.
    const name = 'a'.repeat(5_000);
    expect(globMatch(`${'*a'.repeat(40)}*b`, name)).toBe(false);
    expect(globMatch(`${'*a'.repeat(40)}*`, name)).toBe(true);
  });
});
