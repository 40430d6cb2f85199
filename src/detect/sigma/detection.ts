/**
 * A Sigma `detection` section compiled into one predicate. A search identifier is a map (AND of
 * its items), a list of maps (OR), or a list of plain values (keywords searched in the whole
 * record). The condition combines identifiers. Alongside the predicate the compiler derives the
 * literal equalities every match must satisfy (e.g. `eventName ∈ {StopLogging, DeleteTrail}`),
 * which the rule index uses so an event only meets rules that can match it.
 */
import { identifiersOf, parseCondition, type Condition } from './condition.js';
import type { Event } from './fields.js';
import { compileItem, RuleError, type CompiledItem, type EventTest } from './modifiers.js';

/** Field → the lower-cased values one of which it must equal. */
export type Requirements = ReadonlyMap<string, ReadonlySet<string>>;

interface Compiled {
  readonly test: EventTest;
  readonly needs: Requirements;
}

const NONE: Requirements = new Map();

export function compileDetection(detection: unknown): Compiled {
  if (!detection || typeof detection !== 'object' || Array.isArray(detection)) throw new RuleError('"detection" must be a map of search identifiers and a condition');
  const { condition, timeframe, ...identifiers } = detection as Record<string, unknown>;
  if (timeframe !== undefined) throw new RuleError('"timeframe" in detection is the obsolete Sigma 1 aggregation syntax: write a correlation rule instead');
  const names = Object.keys(identifiers);
  const compiled = new Map<string, Compiled>();
  for (const name of names) compiled.set(name, compileIdentifier(name, identifiers[name]));

  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.length === 0 || conditions.some((c) => typeof c !== 'string')) throw new RuleError('"condition" must be a string (or a list of strings)');
  const trees = conditions.map((c) => parseCondition(c as string));
  const resolve = (tree: Condition): Compiled => {
    switch (tree.kind) {
      case 'id': {
        const found = compiled.get(tree.name);
        if (!found) throw new RuleError(`the condition names "${tree.name}", which the detection does not define`);
        return found;
      }
      case 'not': {
        const inner = resolve(tree.item).test;
        return { test: (e) => !inner(e), needs: NONE };
      }
      case 'and':
        return and(tree.items.map(resolve));
      case 'or':
        return or(tree.items.map(resolve));
      case 'of': {
        const matched = identifiersOf(tree.pattern, names);
        if (!matched.length) throw new RuleError(`"of ${tree.pattern}" matches no search identifier`);
        const parts = matched.map((n) => compiled.get(n)!);
        if (tree.quantity === 'all') return and(parts);
        if (tree.quantity === 1) return or(parts);
        const n = tree.quantity;
        const tests = parts.map((p) => p.test);
        return { test: (e) => tests.filter((t) => t(e)).length >= n, needs: n > parts.length ? NONE : or(parts).needs };
      }
    }
  };
  return or(trees.map(resolve));
}

function compileIdentifier(name: string, value: unknown): Compiled {
  const where = (error: unknown): never => {
    throw new RuleError(`search identifier "${name}": ${error instanceof Error ? error.message : String(error)}`);
  };
  try {
    if (value === null || typeof value !== 'object') return keywords([value]);
    if (!Array.isArray(value)) return map(value as Record<string, unknown>);
    if (value.length === 0) throw new RuleError('is an empty list');
    if (value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return or(value.map((m) => map(m as Record<string, unknown>)));
    if (value.some((v) => v !== null && typeof v === 'object')) throw new RuleError('mixes maps and plain values');
    return keywords(value);
  } catch (error) {
    return where(error);
  }
}

function map(items: Record<string, unknown>): Compiled {
  const entries = Object.entries(items);
  if (!entries.length) throw new RuleError('is an empty map');
  return and(entries.map(([key, value]) => fromItem(compileItem(key, value))));
}

function keywords(values: readonly unknown[]): Compiled {
  return fromItem(compileItem('|contains', values));
}

function fromItem(item: CompiledItem): Compiled {
  return { test: item.test, needs: item.equals ? new Map([[item.equals.field, new Set(item.equals.values)]]) : NONE };
}

function and(parts: readonly Compiled[]): Compiled {
  if (parts.length === 1) return parts[0]!;
  const tests = parts.map((p) => p.test);
  const needs = new Map<string, Set<string>>();
  for (const p of parts) {
    for (const [field, values] of p.needs) {
      const known = needs.get(field);
      needs.set(field, known ? new Set([...known].filter((v) => values.has(v))) : new Set(values));
    }
  }
  return { test: (e: Event) => tests.every((t) => t(e)), needs };
}

function or(parts: readonly Compiled[]): Compiled {
  if (parts.length === 1) return parts[0]!;
  const tests = parts.map((p) => p.test);
  const needs = new Map<string, Set<string>>();
  const [first, ...rest] = parts;
  for (const [field, values] of first!.needs) {
    if (rest.every((p) => p.needs.has(field))) needs.set(field, new Set([values, ...rest.map((p) => p.needs.get(field)!)].flatMap((s) => [...s])));
  }
  return { test: (e: Event) => tests.some((t) => t(e)), needs };
}
