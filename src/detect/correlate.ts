/**
 * Sigma correlations over matches of their input rules, per group-by key, in sliding windows of
 * their timespan. State is bounded by time: a group whose newest match is older than the newest
 * match seen minus the timespan (plus a lateness margin for files read out of order) is dropped,
 * and no group keeps more than MAX_ENTRIES matches. Conditions with only a lower bound (gte/gt)
 * fire as soon as they hold, and the alert then absorbs further matches within the timespan; those
 * with an upper bound or `eq` are decided when the window (from the group's first match) closes.
 */
import { eventTime } from './alert.js';
import { fieldReader, textOf, type Event, type FieldReader } from './sigma/fields.js';
import type { CorrelationRule, CountCondition } from './sigma/rule.js';
import { inputField } from './slim.js';

/** How late (by event time) a match may arrive and still be correlated with what came before. */
export const LATENESS_MS = 60 * 60_000;
const MAX_ENTRIES = 10_000;
/** The most events one firing carries as its evidence; the rest are counted. */
export const MAX_CARRIED = 10_000;

/**
 * The events a firing stands for, oldest first. A chained correlation receives the firing of its
 * input as one match carrying this, so its own firing carries every event of the groups it
 * correlated (not one per group); events that join the inner firing later join it here too.
 */
export interface Evidence {
  readonly events: Event[];
  omitted: number;
}

interface Entry {
  readonly time: number;
  readonly input: number;
  readonly event: Event;
  readonly value?: string;
  /** Set when the match is an inner correlation's firing. */
  readonly evidence?: Evidence;
}

export interface Fired {
  readonly correlation: number;
  readonly time: number;
  readonly group: Record<string, string>;
  /** Every event that made it fire. */
  readonly evidence: Evidence;
}

interface Group {
  /** In time order. */
  entries: Entry[];
  /**
   * Immediate conditions: how many entries hold each counted thing (value, or input rule), so that
   * a group whose entries could not satisfy the condition is not evaluated at every match.
   */
  readonly counted: Map<string | number, number>;
  values: Record<string, string>;
  /** While set, new matches up to this time join the alert that already fired instead of starting a new one. */
  openUntil?: number;
  /** The evidence of the firing still open, which joining matches add to. */
  fired?: Evidence;
  newest: number;
}

export class Correlator {
  private readonly groups = new Map<string, Group>();
  private readonly readers: ((input: number) => FieldReader)[];
  private readonly valueReader?: (input: number) => FieldReader;
  private readonly immediate: boolean;
  /** What value_count counts distinct (the value) and temporal ones (the input rule); event_count counts entries. */
  private readonly countedOf?: (entry: Entry) => string | number;
  /** The different rules a temporal correlation joins: a rule may be listed twice (by name and id, or A → B → A). */
  private readonly distinctInputs: number;
  private newest = -Infinity;
  private sincePrune = 0;

  constructor(
    readonly index: number,
    private readonly rule: CorrelationRule,
    /** Called with each firing, and with each later match absorbed into it (`joined`: its events). */
    private readonly emit: (fired: Fired, joined?: readonly Event[]) => void,
    /** What the windows hold of each match's event (see slim). */
    private project: (event: Event) => Event = (event) => event,
  ) {
    const cache = new Map<string, FieldReader>();
    const reader = (field: string) => {
      let r = cache.get(field);
      if (!r) cache.set(field, (r = fieldReader(field)));
      return r;
    };
    this.readers = rule.groupBy.map((g) => (input: number) => reader(inputField(rule, g, input)));
    if (rule.field) {
      const field = rule.field;
      this.valueReader = (input) => reader(inputField(rule, field, input));
    }
    const c = rule.condition;
    this.immediate = c.lt === undefined && c.lte === undefined && c.eq === undefined;
    if (rule.type === 'value_count') this.countedOf = (e) => e.value!;
    else if (rule.type !== 'event_count') this.countedOf = (e) => e.input;
    this.distinctInputs = new Set(rule.inputs).size;
  }

  /** One match of an input rule; `evidence` when the input is a correlation that fired. */
  add(input: number, event: Event, time = eventTime(event), evidence?: Evidence): void {
    if (!Number.isFinite(time)) return;
    const values: Record<string, string> = {};
    this.rule.groupBy.forEach((g, i) => (values[g] = textOf(this.readers[i]!(input)(event)[0]) ?? ''));
    const key = JSON.stringify(this.rule.groupBy.map((g) => values[g]));
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { entries: [], counted: new Map(), values, newest: time }));
    const value = this.valueReader ? (textOf(this.valueReader(input)(event)[0]) ?? undefined) : undefined;
    if (this.valueReader && value === undefined) return; // value_count counts values; an event without one adds none
    group.newest = Math.max(group.newest, time);
    this.newest = Math.max(this.newest, time);

    if (group.openUntil !== undefined && time <= group.openUntil && time >= group.openUntil - 2 * this.rule.timespanMs) {
      group.openUntil = Math.max(group.openUntil, time + this.rule.timespanMs);
      const joined = evidence ? evidence.events : [event];
      if (group.fired) carry(group.fired, joined, evidence?.omitted ?? 0);
      this.emit({ correlation: this.index, time, group: group.values, evidence: { events: [], omitted: evidence?.omitted ?? 0 } }, joined);
      return;
    }
    delete group.openUntil;
    delete group.fired;
    if (!this.immediate && group.entries.length && time > group.entries[0]!.time + this.rule.timespanMs) this.close(group);
    const entry: Entry = { time, input, event: this.project(event), ...(value !== undefined ? { value } : {}), ...(evidence ? { evidence } : {}) };
    insert(group.entries, entry);
    if (this.immediate) {
      this.count(group, entry, 1);
      if (group.entries.length > MAX_ENTRIES) this.drop(group, 1);
      this.drop(group, countBefore(group.entries, group.newest - this.rule.timespanMs - LATENESS_MS));
      this.check(group, time);
    } else if (group.entries.length > MAX_ENTRIES) group.entries.shift();
    if (++this.sincePrune >= 1_000) this.prune();
  }

  /** From now on the windows hold `project(event)` of each match, those they hold already included. */
  slim(project: (event: Event) => Event): void {
    this.project = project;
    for (const group of this.groups.values()) group.entries = group.entries.map((e) => ({ ...e, event: project(e.event) }));
  }

  /** End of input: decide the windows still open. */
  flush(): void {
    if (!this.immediate) for (const group of this.groups.values()) this.close(group);
    this.groups.clear();
  }

  /** The window ending at `time` (entries from time − timespan to time), evaluated only when it could fire. */
  private check(group: Group, time: number): void {
    const span = this.rule.timespanMs;
    const start = countBefore(group.entries, time - span);
    const end = countBefore(group.entries, time, true);
    if (!this.couldHold(group, end - start)) return;
    const fired = this.evaluate(group.entries.slice(start, end));
    if (!fired) return;
    group.entries = [];
    group.counted.clear();
    group.openUntil = time + span;
    group.fired = evidenceOf(fired);
    this.emit({ correlation: this.index, time, group: group.values, evidence: group.fired });
  }

  /**
   * Whether a window of `size` entries of this group may satisfy an immediate condition: it holds
   * at most the group's distinct values (or inputs), and such a condition only grows truer with more.
   */
  private couldHold(group: Group, size: number): boolean {
    const { type, condition, inputs } = this.rule;
    const most = this.countedOf ? Math.min(size, group.counted.size) : size;
    if (type === 'temporal_ordered') return size >= inputs.length && most >= this.distinctInputs;
    if (type === 'temporal' && !Object.keys(condition).length) return most >= this.distinctInputs;
    return holds(condition, most);
  }

  private count(group: Group, entry: Entry, delta: 1 | -1): void {
    if (!this.countedOf) return;
    const key = this.countedOf(entry);
    const n = (group.counted.get(key) ?? 0) + delta;
    if (n) group.counted.set(key, n);
    else group.counted.delete(key);
  }

  /** Drops a group's `n` oldest entries. */
  private drop(group: Group, n: number): void {
    if (n <= 0) return;
    for (let i = 0; i < n; i++) this.count(group, group.entries[i]!, -1);
    group.entries.splice(0, n);
  }

  /** A tumbling window from the group's first match, for conditions that need the final count. */
  private close(group: Group): void {
    if (!group.entries.length) return;
    const end = group.entries[0]!.time + this.rule.timespanMs;
    const window = group.entries.filter((e) => e.time <= end);
    group.entries = group.entries.filter((e) => e.time > end);
    const fired = this.evaluate(window);
    if (fired) this.emit({ correlation: this.index, time: window[window.length - 1]!.time, group: group.values, evidence: evidenceOf(fired) });
  }

  /** The matches that satisfy the rule in this window, or undefined. */
  private evaluate(window: readonly Entry[]): readonly Entry[] | undefined {
    const { type, condition, inputs } = this.rule;
    if (!window.length) return undefined;
    if (type === 'event_count') return holds(condition, window.length) ? window : undefined;
    if (type === 'value_count') return holds(condition, new Set(window.map((e) => e.value)).size) ? window : undefined;
    const distinct = new Set(window.map((e) => e.input)).size;
    if (type === 'temporal') return (Object.keys(condition).length ? holds(condition, distinct) : distinct === this.distinctInputs) ? window : undefined;
    // temporal_ordered: one match of each input in the order the rule lists them.
    const chain: Entry[] = [];
    let after = -Infinity;
    for (const input of inputs) {
      const next = window.find((e) => e.input === input && e.time >= after && !chain.includes(e));
      if (!next) return undefined;
      chain.push(next);
      after = next.time;
    }
    return window.filter((e) => e.time <= after);
  }

  private prune(): void {
    this.sincePrune = 0;
    const horizon = this.newest - this.rule.timespanMs - LATENESS_MS;
    for (const [key, group] of this.groups) {
      if (group.newest >= horizon) continue;
      if (!this.immediate) this.close(group);
      this.groups.delete(key);
    }
  }

  /** Live groups, for tests of the memory bound. */
  get size(): number {
    return this.groups.size;
  }
}

function holds(c: CountCondition, n: number): boolean {
  return (c.gt === undefined || n > c.gt) && (c.gte === undefined || n >= c.gte) && (c.lt === undefined || n < c.lt) && (c.lte === undefined || n <= c.lte) && (c.eq === undefined || n === c.eq);
}

/** The events of the matches that fired, those an inner firing carried included, bounded. */
function evidenceOf(entries: readonly Entry[]): Evidence {
  const evidence: Evidence = { events: [], omitted: 0 };
  for (const e of entries) carry(evidence, e.evidence ? e.evidence.events : [e.event], e.evidence?.omitted ?? 0);
  return evidence;
}

function carry(evidence: Evidence, events: readonly Event[], omitted: number): void {
  const room = Math.max(0, MAX_CARRIED - evidence.events.length);
  for (const e of events.slice(0, room)) evidence.events.push(e);
  evidence.omitted += omitted + Math.max(0, events.length - room);
}

/** How many of the entries (in time order) are before `time`, or with `inclusive` at or before it. */
function countBefore(entries: readonly Entry[], time: number, inclusive = false): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = entries[mid]!.time;
    if (t < time || (inclusive && t === time)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keeps entries in time order; matches mostly arrive in order, so this is an append. */
function insert(entries: Entry[], entry: Entry): void {
  let i = entries.length;
  while (i > 0 && entries[i - 1]!.time > entry.time) i--;
  entries.splice(i, 0, entry);
}
