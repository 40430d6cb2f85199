/**
 * Event rules indexed by a literal equality every match needs (eventName first, then eventSource,
 * then any other field): an event is tested only against the rules listed under its own values,
 * plus the few rules that pin no field. Cost per event stays flat as rules are added.
 */
import { fieldReader, type Event, type FieldReader } from './sigma/fields.js';
import type { EventRule } from './sigma/rule.js';

const PREFERRED = ['eventName', 'eventSource'];

interface Bucket {
  readonly field: string;
  readonly read: FieldReader;
  readonly byValue: Map<string, number[]>;
}

export class RuleIndex {
  private readonly buckets: Bucket[] = [];
  private readonly generic: number[] = [];

  /** `rules[i]` may be undefined for correlation slots: indexes stay those of the rule set. */
  constructor(private readonly rules: readonly (EventRule | undefined)[]) {
    rules.forEach((rule, i) => {
      if (!rule) return;
      const field = pick(rule);
      if (!field) return void this.generic.push(i);
      let bucket = this.buckets.find((b) => b.field === field);
      if (!bucket) this.buckets.push((bucket = { field, read: fieldReader(field), byValue: new Map() }));
      for (const value of rule.needs.get(field)!) {
        const list = bucket.byValue.get(value);
        if (list) list.push(i);
        else bucket.byValue.set(value, [i]);
      }
    });
    this.buckets.sort((a, b) => rank(a.field) - rank(b.field));
  }

  /** Rules (by index) that match one event, in index order of discovery. */
  match(event: Event, found: (rule: number) => void): void {
    for (const bucket of this.buckets) {
      const values = bucket.read(event);
      if (values.length === 1) {
        const v = values[0];
        if (isScalar(v)) this.run(bucket.byValue.get(String(v).toLowerCase()), event, found);
        continue;
      }
      const tried = new Set<number>();
      for (const v of values) {
        if (!isScalar(v)) continue;
        const list = bucket.byValue.get(String(v).toLowerCase())?.filter((i) => !tried.has(i));
        list?.forEach((i) => tried.add(i));
        this.run(list, event, found);
      }
    }
    this.run(this.generic, event, found);
  }

  /** For the summary: how many rules pin a field, and how many every event must meet. */
  get stats(): { indexed: number; generic: number } {
    return { indexed: this.rules.filter(Boolean).length - this.generic.length, generic: this.generic.length };
  }

  private run(list: readonly number[] | undefined, event: Event, found: (rule: number) => void): void {
    if (!list) return;
    for (const i of list) if (this.rules[i]!.test(event)) found(i);
  }
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function rank(field: string): number {
  const at = PREFERRED.indexOf(field);
  return at < 0 ? PREFERRED.length : at;
}

/** The field to index a rule by: the preferred ones, else the one with the fewest allowed values. */
function pick(rule: EventRule): string | undefined {
  const fields = [...rule.needs.entries()].filter(([, values]) => values.size > 0);
  if (!fields.length) {
    // An empty set means the AND of two disjoint equalities: it can never match, so any field will do.
    return rule.needs.size ? [...rule.needs.keys()][0] : undefined;
  }
  fields.sort(([a, va], [b, vb]) => rank(a) - rank(b) || va.size - vb.size);
  return fields[0]![0];
}
