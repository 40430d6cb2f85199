import { describe, expect, it } from 'vitest';
import { compileActions, compileWildcard, coversAction, wildcardMatch } from './match.js';
import { parsePolicy, type Policy } from './document.js';

/** The meaning of an IAM wildcard, written the obvious (backtracking) way: the reference. */
function reference(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's').test(value);
}

/** A small deterministic generator, so a failure names a pattern that can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

describe('compileWildcard', () => {
  it('agrees with the regular-expression meaning on thousands of random patterns and values', () => {
    const next = random(7);
    const word = (alphabet: string, max: number) => Array.from({ length: next(max + 1) }, () => alphabet[next(alphabet.length)]).join('');
    const disagreements: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const pattern = word('aAb*?:', 8);
      const value = word('aAb:', 10);
      for (const ignoreCase of [true, false]) {
        if (compileWildcard(pattern, ignoreCase)(value) !== reference(pattern, value, ignoreCase)) disagreements.push(`${pattern} ~ ${value} (ignoreCase ${ignoreCase})`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['iam:*', 'IAM:PassRole', true],
    ['iam:Get*', 'iam:getuser', true],
    ['iam:Get*', 'iam:ListUsers', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['*', 'anything', true],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'wwwXexampleXcom', false],
  ])('%s ~ %s = %s', (pattern, value, expected) => expect(compileWildcard(pattern)(value)).toBe(expected));

  it('answers patterns that make a backtracking matcher take exponential time', () => {
    const value = `${'a'.repeat(5_000)}-x`;
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*a*a*b', value, false)).toBe(false);
    expect(wildcardMatch('*a*a*a*a*a*a*a*a*a*a*a*a*x', value, false)).toBe(true);
    expect(wildcardMatch('?*?*?*?*?*?*?*?*?*y', value, false)).toBe(false);
  });
});

describe('compileActions', () => {
  const covers = compileActions(['iam:Get*', 'IAM:ListUsers', 's3:*Object', '*:Describe*', 'ec2*']);
  it.each([
    ['iam:GetUser', true],
    ['iam:listusers', true],
    ['iam:ListRoles', false],
    ['s3:GetObject', true],
    ['s3:GetBucketPolicy', false],
    ['kms:DescribeKey', true],
    ['ec2:RunInstances', true],
    ['sts:AssumeRole', false],
  ])('%s = %s', (action, expected) => expect(covers(action)).toBe(expected));
});

describe('coversAction', () => {
  const policy = parsePolicy('p', {
    Statement: [
      { Effect: 'Allow', Action: ['iam:Get*', 'sts:AssumeRole'], Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ],
  }) as Policy;
  const [allow, notAction] = policy.statements as [Policy['statements'][number], Policy['statements'][number]];
  it('matches Action lists and the complement of NotAction lists, the same on every call', () => {
    for (let i = 0; i < 2; i++) {
      expect(coversAction(allow, 'iam:GetRole')).toBe(true);
      expect(coversAction(allow, 'iam:PassRole')).toBe(false);
      expect(coversAction(notAction, 'iam:PassRole')).toBe(false);
      expect(coversAction(notAction, 'ec2:RunInstances')).toBe(true);
    }
  });
});
