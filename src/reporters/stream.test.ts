import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.js';
import { colorsFor } from '../cli/io.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { evaluate } from '../core/engine.js';
import { buildReport } from '../core/report.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { FORMAT_NAMES } from './formats.js';
import { render } from './index.js';
import { chunked, renderPieces } from './stream.js';

const inventory = demoInventory();
const now = new Date(inventory.collectedAt);
const findings = evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG });
const report = buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings, failOn: 'low', config: DEFAULT_CONFIG, now });
const empty = { ...report, findings: [] };
const options = { colors: colorsFor({ write: () => true }, {}, false), verbose: false, homeRegion: 'eu-west-1' };

describe('renderPieces', () => {
  it.each(FORMAT_NAMES)('%s: the pieces join to exactly what render returns, with findings and without', (format) => {
    expect([...renderPieces(format, report, options)].join('')).toBe(render(format, report, options));
    expect([...renderPieces(format, empty, options)].join('')).toBe(render(format, empty, options));
  });

  it('gives JSON one piece per finding, not one string of the whole document', () => {
    expect([...renderPieces('json', report, options)].length).toBe(report.findings.length + 3);
  });

  it('gives SARIF one piece per result, reading the findings once (an org run passes a lazy sequence)', () => {
    let reads = 0;
    const once = { ...report, findings: { *[Symbol.iterator]() { reads += 1; yield* report.findings; } } as unknown as typeof report.findings };
    const pieces = [...renderPieces('sarif', once, options)];
    expect(reads).toBe(1);
    expect(pieces.length).toBe(report.findings.filter((f) => f.status !== 'NOT_APPLICABLE').length + 3);
    expect(pieces.join('')).toBe(render('sarif', report, options));
  });
});

describe('chunked', () => {
  it('gathers small pieces into chunks and loses nothing', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const chunks = [...chunked(pieces, 1000)];
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.length).toBeLessThan(20);
  });
});
