/**
 * Sigma string values: `*` is any run of characters, `?` one character, and a backslash escapes
 * a wildcard or a backslash (`\*`, `\?`, `\\`); any other backslash is literal. Plain values and
 * values with only a leading or trailing `*` become string comparisons; the rest an RE2 regex, so
 * matching stays linear in the length of the text whatever the pattern.
 */
import { RE2JS } from 're2js';

export type TextTest = (text: string) => boolean;

type Part = string | typeof ANY | typeof ONE;
const ANY = Symbol('*');
const ONE = Symbol('?');

export function parseWildcards(value: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const next = value[i + 1];
    if (ch === '\\' && (next === '*' || next === '?' || next === '\\')) {
      literal += next;
      i++;
    } else if (ch === '*' || ch === '?') {
      if (literal) parts.push(literal);
      literal = '';
      parts.push(ch === '*' ? ANY : ONE);
    } else literal += ch;
  }
  if (literal) parts.push(literal);
  return parts;
}

/** The literal a pattern stands for when it has no wildcards, else undefined. */
export function literalOf(value: string): string | undefined {
  const parts = parseWildcards(value);
  if (parts.length === 0) return '';
  return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : undefined;
}

/** A test for one pattern. Case-insensitive tests expect the text already lower-cased. */
export function wildcardTest(value: string, cased: boolean): TextTest {
  const parts = parseWildcards(cased ? value : value.toLowerCase());
  const lit = (p: Part | undefined): p is string => typeof p === 'string';
  if (parts.length === 0) return (t) => t === '';
  if (parts.length === 1 && lit(parts[0])) {
    const s = parts[0];
    return (t) => t === s;
  }
  if (parts.length === 1 && parts[0] === ANY) return () => true;
  if (parts.length === 2 && parts[0] === ANY && lit(parts[1])) {
    const s = parts[1];
    return (t) => t.endsWith(s);
  }
  if (parts.length === 2 && lit(parts[0]) && parts[1] === ANY) {
    const s = parts[0];
    return (t) => t.startsWith(s);
  }
  if (parts.length === 3 && parts[0] === ANY && lit(parts[1]) && parts[2] === ANY) {
    const s = parts[1];
    return (t) => t.includes(s);
  }
  const source = parts.map((p) => (p === ANY ? '.*' : p === ONE ? '.' : RE2JS.quote(p))).join('');
  const re = RE2JS.compile(`^(?:${source})$`, RE2JS.DOTALL);
  return (t) => re.matches(t);
}
