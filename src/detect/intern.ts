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

/** Strings held, for tests of the bound. */
export function internedCount(): number {
  return TABLE.size;
}
