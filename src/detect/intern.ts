/**
 * One copy of each recurring string on the main thread. Every event a worker sends arrives with
 * fresh copies of the same ARNs, user agents, accounts and regions; alerts and the events they
 * keep hold tens of thousands of them. Bounded: past MAX_INTERNED the table starts over, which
 * costs sharing, never correctness.
 */
const TABLE = new Map<string, string>();
export const MAX_INTERNED = 50_000;

/** The first copy of `value` seen (since the table last started over). */
export function intern(value: string): string {
  const known = TABLE.get(value);
  if (known !== undefined) return known;
  if (TABLE.size >= MAX_INTERNED) TABLE.clear();
  TABLE.set(value, value);
  return value;
}

/** Keys whose values each event has alone (ids, times): interning them would only fill the table and make it start over. */
export const OWN_KEYS: ReadonlySet<string> = new Set(['eventID', 'requestID', 'sharedEventID', 'eventTime']);
/**
 * What a call asked and returned: names, ids and documents of its own, seldom repeated, so that
 * interning them mostly filled the table and made it start over (measured on the bench corpus).
 */
const OWN_SUBTREES: ReadonlySet<string> = new Set(['requestParameters', 'responseElements', 'additionalEventData']);
/** Longer texts (policy documents, say) are seldom repeated. */
const MAX_SHARED_LENGTH = 512;

/**
 * Replaces, in place, the recurring strings of an event (and of the objects and arrays in it)
 * by their shared copies, and returns it: a correlation window holds thousands of events whose
 * sources, names, ARNs, agents and TLS details are the same few texts. Frozen objects are left.
 */
export function shareStrings<T>(value: T): T {
  if (!value || typeof value !== 'object' || Object.isFrozen(value)) return value;
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const v = object[key];
    if (typeof v === 'string') {
      if (v.length <= MAX_SHARED_LENGTH && !OWN_KEYS.has(key)) object[key] = intern(v);
    } else if (v && typeof v === 'object' && !OWN_SUBTREES.has(key)) shareStrings(v);
  }
  return value;
}

/** Strings held, for tests of the bound. */
export function internedCount(): number {
  return TABLE.size;
}
