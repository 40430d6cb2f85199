/**
 * CloudWatch Logs filter patterns, evaluated against log events rather than compared as text, so
 * an equivalent filter written differently is recognised. JSON patterns: `{ $.a.b[0] = "x" }`
 * with = != < > <= >=, `*` wildcards in values, && || and parentheses, `IS NULL`, `IS TRUE`,
 * `IS FALSE`, `EXISTS` and `NOT EXISTS`. Plain patterns: terms that must all appear.
 */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

type Value = { kind: 'string'; text: string } | { kind: 'number'; value: number } | { kind: 'bool'; value: boolean } | { kind: 'null' };
type Node =
  | { type: 'or' | 'and'; left: Node; right: Node }
  | { type: 'compare'; path: (string | number)[]; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Value }
  | { type: 'is'; path: (string | number)[]; what: 'NULL' | 'TRUE' | 'FALSE' }
  | { type: 'exists'; path: (string | number)[]; negated: boolean };

export type CompiledPattern = (event: unknown) => boolean;

const TOKEN = /\s*(\{|\}|\(|\)|&&|\|\||!=|<=|>=|=|<|>|"(?:[^"\\]|\\.)*"|\$[A-Za-z0-9_.$[\]*-]*|[^\s(){}=!<>&|"]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const m = TOKEN.exec(text);
    if (!m) throw new FilterPatternError(`unexpected character at position ${position + 1}: ${text.slice(position, position + 10)}`);
    tokens.push(m[1]!);
    position = TOKEN.lastIndex;
  }
  return tokens;
}

function parsePath(selector: string): (string | number)[] {
  if (!selector.startsWith('$.') && selector !== '$') throw new FilterPatternError(`selector ${selector} must start with $.`);
  const path: (string | number)[] = [];
  for (const part of selector.slice(2).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(part[2] !== undefined ? Number(part[2]) : part[1]!);
  if (path.length === 0) throw new FilterPatternError(`selector ${selector} names no field`);
  return path;
}

function parseValue(token: string | undefined): Value {
  if (token === undefined) throw new FilterPatternError('a comparison is missing its value');
  if (token.startsWith('"')) return { kind: 'string', text: JSON.parse(token) as string };
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(token)) return { kind: 'number', value: Number(token) };
  if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true' };
  if (token === 'null') return { kind: 'null' };
  if (/^[{}()&|=!<>]/.test(token)) throw new FilterPatternError(`expected a value, found ${token}`);
  return { kind: 'string', text: token };
}

function parseJson(tokens: string[]): Node {
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (token: string) => {
    if (next() !== token) throw new FilterPatternError(`expected ${token} at token ${i}`);
  };
  const primary = (): Node => {
    const token = next();
    if (token === '(') {
      const node = or();
      expect(')');
      return node;
    }
    if (!token?.startsWith('$')) throw new FilterPatternError(`expected a $.field selector, found ${token ?? 'the end'}`);
    const path = parsePath(token);
    const op = next();
    if (op === 'IS') {
      const what = next();
      if (what !== 'NULL' && what !== 'TRUE' && what !== 'FALSE') throw new FilterPatternError(`IS must be followed by NULL, TRUE or FALSE, not ${what ?? 'nothing'}`);
      return { type: 'is', path, what };
    }
    if (op === 'NOT') {
      expect('EXISTS');
      return { type: 'exists', path, negated: true };
    }
    if (op === 'EXISTS') return { type: 'exists', path, negated: false };
    if (op !== '=' && op !== '!=' && op !== '<' && op !== '>' && op !== '<=' && op !== '>=') throw new FilterPatternError(`expected a comparison after ${token}, found ${op ?? 'the end'}`);
    return { type: 'compare', path, op, value: parseValue(next()) };
  };
  const and = (): Node => {
    let node = primary();
    while (peek() === '&&') {
      next();
      node = { type: 'and', left: node, right: primary() };
    }
    return node;
  };
  function or(): Node {
    let node = and();
    while (peek() === '||') {
      next();
      node = { type: 'or', left: node, right: and() };
    }
    return node;
  }
  expect('{');
  const node = or();
  expect('}');
  if (i !== tokens.length) throw new FilterPatternError(`unexpected ${tokens[i]} after the closing brace`);
  return node;
}

function lookup(event: unknown, path: (string | number)[]): { exists: boolean; value?: unknown } {
  let current: unknown = event;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in (current as Record<string | number, unknown>))) return { exists: false };
    current = (current as Record<string | number, unknown>)[key];
  }
  return { exists: true, value: current };
}

function wildcard(pattern: string, text: string): boolean {
  const body = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${body}$`, 's').test(text);
}

function equals(field: unknown, value: Value): boolean {
  switch (value.kind) {
    case 'null':
      return field === null;
    case 'bool':
      return field === value.value;
    case 'number':
      return typeof field === 'number' ? field === value.value : typeof field === 'string' && field === String(value.value);
    case 'string':
      // Objects and arrays match only the bare wildcard; scalars compare by their text.
      if (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') return wildcard(value.text, String(field));
      return value.text === '*' && field !== null && field !== undefined;
  }
}

function evaluateNode(node: Node, event: unknown): boolean {
  switch (node.type) {
    case 'or':
      return evaluateNode(node.left, event) || evaluateNode(node.right, event);
    case 'and':
      return evaluateNode(node.left, event) && evaluateNode(node.right, event);
    case 'exists':
      return lookup(event, node.path).exists !== node.negated;
    case 'is': {
      const { exists, value } = lookup(event, node.path);
      return exists && value === (node.what === 'NULL' ? null : node.what === 'TRUE');
    }
    case 'compare': {
      const { exists, value } = lookup(event, node.path);
      // A comparison on a field the event does not have never matches, != included.
      if (!exists) return false;
      if (node.op === '=') return equals(value, node.value);
      if (node.op === '!=') return !equals(value, node.value);
      if (node.value.kind !== 'number' || typeof value !== 'number') return false;
      const v = node.value.value;
      return node.op === '<' ? value < v : node.op === '>' ? value > v : node.op === '<=' ? value <= v : value >= v;
    }
  }
}

/** Compiles a pattern once; a malformed one throws FilterPatternError saying where. */
export function compilePattern(pattern: string): CompiledPattern {
  const text = pattern.trim();
  if (text === '') return () => true;
  if (text.startsWith('{')) {
    const tree = parseJson(tokenize(text));
    return (event) => evaluateNode(tree, event);
  }
  // Plain terms: every term (quoted or not) must appear in the event's text.
  const terms = [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  return (event) => {
    const raw = JSON.stringify(event);
    return terms.every((term) => raw.includes(term));
  };
}
