/**
 * A compliance framework mapped onto Bulwark's checks. The mapping lives in the framework's
 * own file; the reverse index (which requirements a check answers) is derived from it.
 */
import type { Thresholds } from '../config/schema.js';

/** Findings of one check, optionally only those about resources whose id ends with `resourceSuffix`. */
export interface CheckSelector {
  readonly check: string;
  readonly resourceSuffix?: string;
}

export interface Requirement {
  readonly id: string;
  readonly section: string;
  readonly title: string;
  /** The framework's own label: whether its audit procedure is automatable. */
  readonly automated: boolean;
  readonly profile?: string;
  readonly checks: readonly (string | CheckSelector)[];
  /**
   * full: the checks answer the requirement. partial: they answer part of it, so a pass is
   * shown as MANUAL (review the rest). stricter: the checks also test more than it asks, so a
   * FAIL may come from a setting the requirement does not name (read the message).
   */
  readonly coverage?: 'full' | 'partial' | 'stricter';
  readonly note?: string;
  /** Thresholds the requirement sets: a looser configured value cannot give a PASS. */
  readonly thresholds?: Partial<Record<keyof Thresholds, number>>;
}

export interface Framework {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly url: string;
  readonly requirements: readonly Requirement[];
}

export function selectorOf(entry: string | CheckSelector): CheckSelector {
  return typeof entry === 'string' ? { check: entry } : entry;
}
