import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKS } from '../../checks/index.js';
import type { AwsContext } from '../../aws/context.js';
import { HOME_REGION } from '../../aws/partition.js';
import { CallStats } from '../../aws/stats.js';
import { evaluate } from '../../core/engine.js';
import { UserError } from '../../core/errors.js';
import { buildReport, exitCode, nothingEvaluated, type FailOn, type ScanReport } from '../../core/report.js';
import { neededData, selectChecks, type CheckFilter } from '../../core/select.js';
import { FRAMEWORKS } from '../../compliance/frameworks/index.js';
import type { FrameworkId } from '../../compliance/framework-ids.js';
import { frameworkView } from '../../compliance/view.js';
import { demoInventory } from '../../demo/demo-inventory.js';
import { loadInventory } from '../../inventory/load.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import type { Inventory } from '../../inventory/schema.js';
import { FORMAT_NAMES, isFormat, type Format } from '../../reporters/formats.js';
import { applySuppressions, suppressionNeeds } from '../../suppressions/apply.js';
import { loadSuppressions } from '../../suppressions/load.js';
import { plural } from '../../lib/text.js';
import type { Io } from '../io.js';
import { checkOutputPaths, sendToSecurityHub, writeOptions, writeOutput, writeReports } from '../outputs.js';
import { collectLive, connectAws, type LiveOptions } from '../live.js';
import type { OrgScanOptions } from './org-scan.js';

export interface ScanOptions extends CheckFilter, Omit<LiveOptions, 'regions'> {
  readonly config?: string;
  readonly demo?: boolean;
  readonly inventory?: string;
  readonly saveInventory?: string;
  readonly regions?: string[];
  readonly format?: string[];
  readonly output?: string;
  readonly outputDir?: string;
  readonly failOn?: FailOn;
  readonly failOnUnknown?: boolean;
  readonly compliance?: FrameworkId;
  readonly suppressions?: string;
  readonly securityHub?: boolean;
  readonly stats?: boolean;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
  readonly color: boolean;
}

/** `bulwark scan`: select checks → collect (or load) the inventory → evaluate → suppress → report → exit code. */
export async function scan(options: ScanOptions & OrgScanOptions, io: Io): Promise<number> {
  if (options.demo && options.inventory) throw new UserError('--demo and --inventory both name what to scan: pass only one');
  if (options.demo && options.securityHub) throw new UserError('--security-hub imports real findings: it cannot be used with --demo');
  if (options.org) {
    const { orgScan } = await import('./org-scan.js');
    return orgScan(options, await prepareScan(options, io), io);
  }
  const { config, formats, outputDir, failOn, regions, compliance, suppressionsFile, selected, suppressions } = await prepareScan(options, io);
  const stats = new CallStats();

  let inventory: Inventory;
  let source: 'live' | 'inventory' | 'demo';
  let aws: AwsContext | undefined;
  if (options.demo) [inventory, source] = [onlyRegions(demoInventory(), regions), 'demo'];
  else if (options.inventory) {
    inventory = onlyRegions(await loadInventory(options.inventory), regions);
    // A saved demo inventory is still the bundled sample: it keeps its DEMO label everywhere.
    source = inventory.demo ? 'demo' : 'inventory';
    if (source === 'demo' && options.securityHub) throw new UserError(`--security-hub imports real findings: ${options.inventory} holds the bundled demo account`);
  }
  else {
    const needs = new Set([...neededData(selected), ...suppressionNeeds(suppressions ?? [], selected)]);
    const live = await collectLive({ ...options, ...(regions ? { regions } : {}) }, needs, io, stats);
    [inventory, source, aws] = [live.inventory, 'live', live.aws];
    const tags = inventory.s3.bucketTags;
    if (tags?.status === 'not-collected') io.stderr.write(`warning: S3 bucket tags could not be read (${tags.errorCode}${tags.permission ? `: grant ${tags.permission}` : ''}); suppressions by tag match no bucket\n`);
  }

  try {
    return await evaluateAndReport();
  } catch (error) {
    // A live collection can take an hour: whatever goes wrong after it, what was gathered is kept.
    if (source === 'live' && !options.saveInventory) await keepInventory(inventory, io);
    throw error;
  }

  async function evaluateAndReport(): Promise<number> {
    // Saved before evaluation: whatever happens next, the collected data is kept.
    // A failed write is said at once and does not stop the report; it makes the exit code 2.
    let written = true;
    if (options.saveInventory) {
      written = await writeOutput(options.saveInventory, `${JSON.stringify(inventory, null, 2)}\n`, io);
      if (written && !options.quiet) io.stderr.write(`Inventory saved to ${options.saveInventory}\n`);
    }

    const now = io.now?.() ?? new Date();
    // Ages (of keys, passwords, last use) are measured at collection time: a saved inventory
    // evaluated next month says what was true when it was taken, and the demo never drifts.
    const asOf = new Date(inventory.collectedAt);
    const evaluated = await stats.phase('evaluate', () => Promise.resolve(evaluate(selected, inventory, { now: asOf, config })));
    // Expiry is judged on the day of evaluation: an accepted risk ends when its date passes.
    const suppressed = suppressions ? applySuppressions(evaluated, suppressions, now.toISOString().slice(0, 10)) : undefined;
    const findings = suppressed?.findings ?? evaluated;
    const report = buildReport({
      source,
      inventory,
      allChecks: CHECKS,
      selected,
      findings,
      failOn,
      config,
      now,
      ...(suppressed && suppressionsFile ? { suppressions: { file: suppressionsFile, entries: suppressed.uses } } : {}),
      ...(compliance !== 'checklist' ? { compliance: complianceView(compliance, findings, selected.map((c) => c.id), config) } : {}),
      ...(options.stats && source === 'live' ? { stats } : {}),
    });
    for (const use of suppressed?.uses ?? []) {
      if (use.state === 'expired') io.stderr.write(`warning: suppression ${use.rule} expired on ${use.expires}; ${plural(use.findings, 'finding')} no longer suppressed\n`);
      if (use.state === 'stale') io.stderr.write(`warning: suppression ${use.rule} matches nothing that needs suppressing: remove it\n`);
    }

    const homeRegion = options.region ?? HOME_REGION[inventory.account.partition];
    written = (await writeReports(report, formats, writeOptions(options, outputDir, homeRegion), io)) && written;

    const code = written ? exitCode(report, { failOnUnknown: Boolean(options.failOnUnknown) }) : 2;
    const nothing = nothingEvaluated(report);
    if (nothing) io.stderr.write(`bulwark: nothing could be evaluated: ${nothing}\n`);
    if (!options.securityHub) return code;
    return (await sendToSecurityHub(report, homeRegion, aws ?? (await connectAws(options, io, stats)).aws, io)) ? code : 2;
  }
}

/** Writes the gathered inventory where it can be evaluated again, and says where. */
async function keepInventory(inventory: Inventory, io: Io): Promise<void> {
  const path = join(tmpdir(), `bulwark-inventory-${inventory.account.id}-${inventory.collectedAt.replace(/[:.]/g, '-')}.json`);
  try {
    await writeFile(path, `${JSON.stringify(inventory, null, 2)}\n`, { mode: 0o600 });
    io.stderr.write(`The collected inventory is saved in ${path}: evaluate it again with --inventory ${path}\n`);
  } catch {
    // Nothing more can be done: the error that brought us here is reported next.
  }
}

/** What every scan settles before reading anything: config, formats, checks and suppressions. */
export async function prepareScan(options: ScanOptions, io: Io) {
  const { config, source: configSource } = await loadConfig(options.config, process.cwd());
  if (configSource) io.stderr.write(`Using config ${configSource}\n`);
  // The command line wins over the config file, which wins over the defaults.
  const formats = chooseFormats(options.format ?? config.formats ?? ['console']);
  // --output on the command line names the one file, whatever directory the config names.
  const outputDir = options.outputDir ?? (options.output ? undefined : config.outputDir);
  const failOn = options.failOn ?? config.failOn ?? 'low';
  const regions = options.regions ?? config.regions;
  // A Prowler habit: there --region narrows the scan; here it only picks the STS and global-service region.
  if (options.region && !regions && !options.demo && !options.inventory) {
    io.stderr.write(`warning: --region ${options.region} picks the region for STS and global services only; every enabled region is still scanned. To scan only ${options.region}, pass --regions ${options.region}\n`);
  }
  const compliance = options.compliance ?? config.compliance ?? 'checklist';
  const suppressionsFile = options.suppressions ?? config.suppressions;
  if (formats.length > 1 && !outputDir) throw new UserError(`several formats (${formats.join(', ')}) need --output-dir: each is written to its own file there${options.output ? '; --output takes one: choose it with --format' : ''}`);
  if (options.output && outputDir) throw new UserError('--output names one file and --output-dir a directory: pass only one');

  await checkOutputPaths({ dir: outputDir, files: [...(options.output ? [['--output', options.output] as const] : []), ...(options.saveInventory ? [['--save-inventory', options.saveInventory] as const] : [])] });

  const selected = selectChecks(CHECKS, options);
  if (selected.length === 0) throw new UserError('the filters leave no check to run: see bulwark checks list');
  // Read before collecting: a broken suppressions file must not cost a whole scan.
  const suppressions = suppressionsFile ? await loadSuppressions(suppressionsFile) : undefined;
  return { config, formats, outputDir, failOn, regions, compliance, suppressionsFile, selected, suppressions };
}

export type PreparedScan = Awaited<ReturnType<typeof prepareScan>>;

function chooseFormats(names: readonly string[]): Format[] {
  const unknown = names.filter((name) => !isFormat(name));
  if (unknown.length) throw new UserError(`unknown format ${unknown.join(', ')}: choose from ${FORMAT_NAMES.join(', ')}`);
  return [...new Set(names)] as Format[];
}

function complianceView(id: Exclude<FrameworkId, 'checklist'>, findings: ScanReport['findings'], selected: string[], config: Config) {
  const framework = FRAMEWORKS.find((f) => f.id === id)!;
  return frameworkView(framework, findings, new Set(selected), config);
}

/** `--regions` on a saved inventory: evaluate only those regions; naming one it does not hold is an error. */
function onlyRegions(inventory: Inventory, regions: readonly string[] | undefined): Inventory {
  if (!regions?.length) return inventory;
  const missing = regions.filter((r) => !inventory.regions.scanned.includes(r));
  if (missing.length) throw new UserError(`the inventory holds no data for ${missing.join(', ')}; it covers ${inventory.regions.scanned.join(', ')}`);
  return { ...inventory, regions: { ...inventory.regions, scanned: inventory.regions.scanned.filter((r) => regions.includes(r)) } };
}
