/** Sigma rules as Bulwark holds them once loaded: the metadata written once in the YAML, and the compiled form. */
import type { Severity } from '../../core/severity.js';
import type { Requirements } from './detection.js';
import type { EventTest } from './modifiers.js';

export interface RuleMeta {
  readonly id: string;
  /** The Sigma `name` correlations refer to, if any. */
  readonly name?: string;
  readonly title: string;
  readonly level: Severity;
  readonly status?: string;
  readonly description?: string;
  readonly author?: string;
  readonly tags: readonly string[];
  readonly falsepositives: readonly string[];
  readonly references: readonly string[];
  /** Bulwark's own field: the checklist items whose check would have prevented it. */
  readonly checklist: readonly string[];
  /** The file it came from, as given. */
  readonly file: string;
  /** False when only correlations that use it should alert (Sigma's `generate`). */
  readonly standalone: boolean;
}

export interface EventRule extends RuleMeta {
  readonly kind: 'event';
  readonly test: EventTest;
  readonly needs: Requirements;
}

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';
export type CountCondition = Partial<Record<'gt' | 'gte' | 'lt' | 'lte' | 'eq', number>>;

export interface CorrelationRule extends RuleMeta {
  readonly kind: 'correlation';
  readonly type: CorrelationType;
  /** The rules it correlates, resolved: indexes into the rule set's `rules`. */
  readonly inputs: readonly number[];
  readonly groupBy: readonly string[];
  /** Alias → input rule index → the field that rule's events hold the value in. */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<number, string>>;
  readonly timespanMs: number;
  readonly condition: CountCondition;
  /** value_count: the field whose distinct values are counted. */
  readonly field?: string;
}

export type Rule = EventRule | CorrelationRule;

/** A rule that was not loaded, and why: listed in every summary, never dropped silently. */
export interface RuleProblem {
  readonly file: string;
  readonly rule?: string;
  readonly reason: string;
}

export interface RuleSet {
  readonly rules: readonly Rule[];
  readonly problems: readonly RuleProblem[];
  readonly files: number;
}
