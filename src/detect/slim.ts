/**
 * Matches sent cut down. Once the run's budget of events kept in full is spent, an alert below
 * high reads of a matching event only its ALERT_TOP_FIELDS, and a correlation below high that
 * feeds no other keeps only those of its events too (Detector's slim): a rule whose matches go
 * nowhere else needs only those fields (of userIdentity, IDENTITY_FIELDS) plus the ones its
 * correlations group and count by. The
 * main thread tells the workers so, and they send such matches projected onto those fields: the
 * structured clone of a whole record, twice (worker and main thread), is most of what a match
 * costs.
 */
import { ALERT_TOP_FIELDS, IDENTITY_FIELDS } from './alert.js';
import type { Event } from './sigma/fields.js';
import type { CorrelationRule } from './sigma/rule.js';

export interface SlimMatches {
  /** The rules whose matches may be sent cut down. */
  readonly rules: readonly number[];
  /** The top-level fields a cut-down match keeps. */
  readonly fields: readonly string[];
  /** Whether an object userIdentity may keep only IDENTITY_FIELDS (no correlation reads more of it). */
  readonly identityOnly: boolean;
}

/** The field a correlation reads for `name` (a group-by field or the counted field) in the events of one input. */
export function inputField(rule: CorrelationRule, name: string, input: number): string {
  return rule.aliases.get(name)?.get(input) ?? name;
}

const IDENTITY_PATHS = new Set(IDENTITY_FIELDS.map((f) => `userIdentity.${f}`));

/** What a cut-down match keeps, for the rules whose matches feed these correlations (as this input). */
export function slimShape(rules: readonly number[], correlations: readonly { rule: CorrelationRule; input: number }[]): SlimMatches {
  const fields = new Set<string>(ALERT_TOP_FIELDS);
  let identityOnly = true;
  for (const { rule, input } of correlations) {
    for (const name of [...rule.groupBy, ...(rule.field ? [rule.field] : [])]) {
      const field = inputField(rule, name, input);
      // A dotted name walks from its first part, or is a key with dots of its own (fieldReader).
      fields.add(field.split('.')[0]!);
      fields.add(field);
      if (field.startsWith('userIdentity') && !IDENTITY_PATHS.has(field)) identityOnly = false;
    }
  }
  return { rules, fields: [...fields], identityOnly };
}

/** The event with only those of its own top-level fields (their values shared, not copied). */
export function project(event: Event, shape: Pick<SlimMatches, 'fields' | 'identityOnly'>): Event {
  const out: Record<string, unknown> = {};
  for (const f of shape.fields) {
    if (!Object.hasOwn(event, f)) continue;
    // A "__proto__" key, which JSON.parse makes an own field, must stay one and not become the prototype.
    if (f === '__proto__') Object.defineProperty(out, f, { value: event[f], enumerable: true, writable: true, configurable: true });
    else out[f] = event[f];
  }
  const who = out.userIdentity;
  // An array is walked element by element by field paths: kept whole.
  if (shape.identityOnly && who && typeof who === 'object' && !Array.isArray(who)) {
    const identity: Record<string, unknown> = {};
    for (const k of IDENTITY_FIELDS) if (Object.hasOwn(who, k)) identity[k] = (who as Record<string, unknown>)[k];
    out.userIdentity = identity;
  }
  return out;
}
