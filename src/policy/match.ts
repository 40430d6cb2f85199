import type { Statement } from './document.js';

const patterns = new Map<string, RegExp>();

/** IAM wildcard matching: `*` any run, `?` one character. Actions compare case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = true): boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = patterns.get(key);
  if (!regex) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
    patterns.set(key, regex);
  }
  return regex.test(value);
}

/** Whether the statement's Action (or NotAction) covers `action`, e.g. `iam:PassRole`. */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => wildcardMatch(pattern, action));
  return !(statement.notActions ?? []).some((pattern) => wildcardMatch(pattern, action));
}

/** Whether the statement applies to every resource (`*`, or NotResource, which leaves nearly all). */
export function coversAllResources(statement: Statement): boolean {
  if (statement.notResources) return true;
  return (statement.resources ?? ['*']).some((resource) => resource === '*' || resource === '*:*');
}
