/**
 * Bulwark's runs allocate much and keep little (an account's inventory once it is evaluated and
 * spooled, a log file's events once matched, a blob once scanned). On a machine with memory to
 * spare V8 lets the heap grow to several times what survived the last full collection before
 * collecting again, so the peak rose with the size of the run (a 10,000-user scan reached 576 MiB
 * for 100-130 MiB live; `scan --org` 400 MiB over 1,000 accounts for about 70 MiB live). A fixed
 * growing factor bounds the heap by what is live, with no fixed limit a big account could hit.
 * V8 reads the flag at every collection, so the CLI sets it at start-up for every command.
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
