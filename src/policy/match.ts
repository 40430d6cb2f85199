import type { Statement } from './document.js';

/** Whether a value matches: compiled once per pattern, answered without backtracking. */
export type Matcher = (value: string) => boolean;

const compiled = new Map<string, Matcher>();

/** IAM wildcard matching: `*` any run, `?` one character. Actions compare case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = true): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let matcher = compiled.get(key);
  if (!matcher) {
    matcher = compileWildcard(pattern, ignoreCase);
    compiled.set(key, matcher);
  }
  return matcher(value);
}

/**
 * A wildcard pattern as its `*`-separated segments: the first must start the value, the last end
 * it, and each one between is taken at its leftmost place after the previous one. Leftmost is
 * always a safe choice, so nothing is retried: the cost is bounded by pattern length × value length
 * whatever the pattern (`*a*a*a*b` on a long run of a's included).
 */
export function compileWildcard(pattern: string, ignoreCase = true): Matcher {
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const segments = fold(pattern).split('*');
  const first = segments[0]!;
  if (segments.length === 1) return (value) => value.length === first.length && segmentAt(first, fold(value), 0);
  const last = segments[segments.length - 1]!;
  const middle = segments.slice(1, -1).filter((s) => s.length > 0);
  const fixed = first.length + last.length;
  return (raw) => {
    const value = fold(raw);
    if (value.length < fixed || !segmentAt(first, value, 0) || !segmentAt(last, value, value.length - last.length)) return false;
    let from = first.length;
    const end = value.length - last.length;
    for (const segment of middle) {
      const at = segmentIndex(segment, value, from, end);
      if (at < 0) return false;
      from = at + segment.length;
    }
    return true;
  };
}

/** Whether `segment` (where `?` is any one character) occurs in `value` at `at`. */
function segmentAt(segment: string, value: string, at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== value.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost place at or after `from` where `segment` fits wholly before `end`, or -1. */
function segmentIndex(segment: string, value: string, from: number, end: number): number {
  if (!segment.includes('?')) {
    const at = value.indexOf(segment, from);
    return at >= 0 && at + segment.length <= end ? at : -1;
  }
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(segment, value, at)) return at;
  return -1;
}

/**
 * A list of action patterns compiled once: exact names in a set and wildcards by their service
 * prefix, so an action meets only the patterns of its own service (ReadOnlyAccess has thousands).
 */
export function compileActions(patterns: readonly string[]): Matcher {
  const exact = new Set<string>();
  const byService = new Map<string, Matcher[]>();
  const anyService: Matcher[] = [];
  for (const raw of patterns) {
    const pattern = raw.toLowerCase();
    if (!pattern.includes('*') && !pattern.includes('?')) {
      exact.add(pattern);
      continue;
    }
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? undefined : pattern.slice(0, colon);
    const matcher = compileWildcard(pattern, false);
    if (service === undefined || service.includes('*') || service.includes('?')) anyService.push(matcher);
    else byService.set(service, [...(byService.get(service) ?? []), matcher]);
  }
  return (action) => {
    const value = action.toLowerCase();
    if (exact.has(value)) return true;
    const colon = value.indexOf(':');
    const own = colon < 0 ? undefined : byService.get(value.slice(0, colon));
    return Boolean(own?.some((m) => m(value))) || anyService.some((m) => m(value));
  };
}

const statementMatchers = new WeakMap<Statement, Matcher>();

/** Whether the statement's Action (or NotAction) covers `action`, e.g. `iam:PassRole`. */
export function coversAction(statement: Statement, action: string): boolean {
  let matcher = statementMatchers.get(statement);
  if (!matcher) {
    const listed = compileActions(statement.actions ?? statement.notActions ?? []);
    matcher = statement.actions ? listed : (value) => !listed(value);
    statementMatchers.set(statement, matcher);
  }
  return matcher(action);
}

/** Whether the statement applies to every resource (`*`, or NotResource, which leaves nearly all). */
export function coversAllResources(statement: Statement): boolean {
  if (statement.notResources) return true;
  return (statement.resources ?? ['*']).some((resource) => resource === '*' || resource === '*:*');
}
