/**
 * Runs over many accounts (`scan --org`, `bulwark worker`) allocate much and keep little: an
 * account's inventory is garbage once it is evaluated and spooled. On a machine with memory to
 * spare V8 lets the heap grow to about four times what survived the last full collection before
 * collecting again, so the peak rose with the length of the run (400 MiB over 1,000 accounts for
 * about 70 MiB that is live). A fixed growing factor bounds the heap by what is live, whatever the
 * machine; V8 reads the flag at every collection, so it works when set after start-up.
 */
import { setFlagsFromString } from 'node:v8';

/** The heap may grow by half of what is live before a full collection (V8's own range is 10–300%). */
export const HEAP_GROWING_PERCENT = 50;

/** Sets the growing factor unless the user chose one (node flag or NODE_OPTIONS); says whether it did. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  if ([...execArgv, nodeOptions].some((flag) => /heap[-_]growing[-_]percent/.test(flag))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
