import { writeFile } from 'node:fs/promises';
import { CHECKS } from '../../checks/index.js';
import { CallStats } from '../../aws/stats.js';
import { evaluate } from '../../core/engine.js';
import { UserError } from '../../core/errors.js';
import { buildReport, exitCode, type FailOn } from '../../core/report.js';
import { neededData, selectChecks, type CheckFilter } from '../../core/select.js';
import { demoInventory } from '../../demo/demo-inventory.js';
import { loadInventory } from '../../inventory/load.js';
import { loadConfig } from '../../config/load.js';
import type { Inventory } from '../../inventory/schema.js';
import { renderConsole } from '../../reporters/console.js';
import { renderJson } from '../../reporters/json.js';
import { colorsFor, type Io } from '../io.js';
import { collectLive, type LiveOptions } from '../live.js';

export interface ScanOptions extends CheckFilter, Omit<LiveOptions, 'regions'> {
  readonly config?: string;
  readonly demo?: boolean;
  readonly inventory?: string;
  readonly saveInventory?: string;
  readonly regions?: string[];
  readonly format: 'console' | 'json';
  readonly output?: string;
  readonly failOn: FailOn;
  readonly stats?: boolean;
  readonly verbose?: boolean;
  readonly color: boolean;
}

/** `bulwark scan`: select checks → collect (or load) the inventory → evaluate → report → exit code. */
export async function scan(options: ScanOptions, io: Io): Promise<number> {
  if (options.demo && options.inventory) throw new UserError('--demo and --inventory both name what to scan: pass only one');
  const selected = selectChecks(CHECKS, options);
  const { config, source: configSource } = await loadConfig(options.config, process.cwd());
  if (configSource) io.stderr.write(`Using config ${configSource}\n`);
  if (selected.length === 0) throw new UserError('the filters leave no check to run: see bulwark checks list');
  const stats = new CallStats();

  let inventory: Inventory;
  let source: 'live' | 'inventory' | 'demo';
  if (options.demo) [inventory, source] = [onlyRegions(demoInventory(), options.regions), 'demo'];
  else if (options.inventory) [inventory, source] = [onlyRegions(await loadInventory(options.inventory), options.regions), 'inventory'];
  else [inventory, source] = [await collectLive(options, neededData(selected), io, stats), 'live'];

  // Saved before evaluation: whatever happens next, the collected data is kept.
  if (options.saveInventory) {
    await writeOutput(options.saveInventory, `${JSON.stringify(inventory, null, 2)}\n`);
    io.stderr.write(`Inventory saved to ${options.saveInventory}\n`);
  }

  const now = io.now?.() ?? new Date();
  // Ages (of keys, passwords, last use) are measured at collection time: a saved inventory
  // evaluated next month says what was true when it was taken, and the demo never drifts.
  const asOf = new Date(inventory.collectedAt);
  const findings = await stats.phase('evaluate', () => Promise.resolve(evaluate(selected, inventory, { now: asOf, config })));
  const report = buildReport({
    source,
    inventory,
    allChecks: CHECKS,
    selected,
    findings,
    failOn: options.failOn,
    config,
    now,
    ...(options.stats && source === 'live' ? { stats } : {}),
  });

  const target = options.output ? undefined : io.stdout;
  const text =
    options.format === 'json'
      ? renderJson(report)
      : renderConsole(report, { colors: colorsFor(target ?? { write: () => true, isTTY: false }, io.env, options.color), verbose: Boolean(options.verbose) });
  if (options.output) {
    await writeOutput(options.output, text);
    io.stderr.write(`Report written to ${options.output}\n`);
  } else io.stdout.write(text);
  return exitCode(report);
}

/** `--regions` on a saved inventory: evaluate only those regions; naming one it does not hold is an error. */
function onlyRegions(inventory: Inventory, regions: readonly string[] | undefined): Inventory {
  if (!regions?.length) return inventory;
  const missing = regions.filter((r) => !inventory.regions.scanned.includes(r));
  if (missing.length) throw new UserError(`the inventory holds no data for ${missing.join(', ')}; it covers ${inventory.regions.scanned.join(', ')}`);
  return { ...inventory, regions: { ...inventory.regions, scanned: inventory.regions.scanned.filter((r) => regions.includes(r)) } };
}

async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
