/**
 * Report benchmark: renders every format for the demo scan repeated to 11,000 findings (a large
 * account) and prints time and size per format, so a reporter that grows quadratically shows up.
 *
 *   npm run bench
 */
import { CHECKS } from '../src/checks/index.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { evaluate } from '../src/core/engine.js';
import { plainFinding } from '../src/core/finding.js';
import { buildReport } from '../src/core/report.js';
import { demoInventory } from '../src/demo/demo-inventory.js';
import { colorsFor } from '../src/cli/io.js';
import { FORMAT_NAMES } from '../src/reporters/formats.js';
import { render } from '../src/reporters/index.js';

const COPIES = 50;
const inventory = demoInventory();
const now = new Date(inventory.collectedAt);
const demo = evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG });
const findings = Array.from({ length: COPIES }, (_, copy) => demo.map(plainFinding).map((f) => ({ ...f, id: `${f.id}-${copy}`, resource: { ...f.resource, id: `${f.resource.id}-${copy}` } }))).flat();
const report = buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings, failOn: 'low', config: DEFAULT_CONFIG, now });
const options = { colors: colorsFor({ write: () => true }, {}, false), verbose: false, homeRegion: 'us-east-1' };

console.log(`Rendering ${findings.length} findings`);
console.log('format      ms      MB');
for (const format of FORMAT_NAMES) {
  const start = performance.now();
  const text = render(format, report, options);
  const ms = performance.now() - start;
  console.log(`${format.padEnd(9)} ${ms.toFixed(0).padStart(5)}  ${(Buffer.byteLength(text) / 1e6).toFixed(1).padStart(6)}`);
}
