/**
 * The Sigma condition grammar, loosest binding first: `or` < `and` < `not` < `x of` < parentheses.
 * `1 of sel_*`, `all of them`, `any of filter*` quantify over search identifiers; `them` excludes
 * identifiers starting with `_`. Parsed into a tree once; the rule compiler resolves the names.
 */
import { wildcardTest } from './wildcard.js';

export type Condition =
  | { readonly kind: 'id'; readonly name: string }
  | { readonly kind: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition }
  | { readonly kind: 'of'; readonly quantity: 'all' | number; readonly pattern: string };

export class ConditionError extends Error {}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', '(', ')']);

function tokenize(text: string): string[] {
  if (text.includes('|')) throw new ConditionError('aggregations after "|" (count() by …, near) are the obsolete Sigma 1 syntax: write a correlation rule instead');
  return text.replace(/[()]/g, ' $& ').split(/\s+/).filter(Boolean);
}

export function parseCondition(text: string): Condition {
  const tokens = tokenize(text);
  if (!tokens.length) throw new ConditionError('the condition is empty');
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const take = () => tokens[at++]!;
  const fail = (what: string): never => {
    throw new ConditionError(`${what} at word ${at + 1} of "${text}"`);
  };

  const list = (kind: 'and' | 'or', next: () => Condition): Condition => {
    const items = [next()];
    while (peek() === kind) {
      take();
      items.push(next());
    }
    return items.length === 1 ? items[0]! : { kind, items };
  };
  const or = (): Condition => list('or', and);
  const and = (): Condition => list('and', not);
  const not = (): Condition => {
    if (peek() !== 'not') return atom();
    take();
    return { kind: 'not', item: not() };
  };
  const atom = (): Condition => {
    const word = peek();
    if (word === undefined) return fail('expected a search identifier but the condition ended');
    if (word === '(') {
      take();
      const inner = or();
      if (peek() !== ')') fail('expected ")"');
      take();
      return inner;
    }
    if (tokens[at + 1]?.toLowerCase() === 'of') {
      const quantity = word === 'all' ? 'all' : word === 'any' ? 1 : /^[1-9]\d*$/.test(word) ? Number(word) : fail(`"${take()} of" needs 1, any, all or a count`);
      take();
      take();
      const pattern = tokens[at];
      if (pattern === undefined || KEYWORDS.has(pattern.toLowerCase())) return fail('expected an identifier pattern or "them" after "of"');
      take();
      return { kind: 'of', quantity, pattern: pattern.toLowerCase() === 'them' ? 'them' : pattern };
    }
    if (KEYWORDS.has(word)) return fail(`unexpected "${take()}"`);
    return { kind: 'id', name: take() };
  };

  const tree = or();
  if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
  return tree;
}

/** The identifiers an `x of pattern` covers, in detection order. */
export function identifiersOf(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const test = wildcardTest(pattern, true);
  return names.filter((n) => test(n));
}
