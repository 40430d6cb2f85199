import { describe, expect, it } from 'vitest';
import { buildReport } from '../core/report.js';
import { evaluate } from '../core/engine.js';
import { CHECKS } from '../checks/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { SEVERITIES } from '../core/severity.js';
import { renderHtml } from './html.js';
import { SEVERITY_COLOR } from './html-assets.js';

describe('the HTML severity chart', () => {
  it('colours each bar by its severity, each severity its own colour', () => {
    const inventory = demoInventory();
    const now = new Date(inventory.collectedAt);
    const report = buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings: evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG }), failOn: 'low', config: DEFAULT_CONFIG, now });
    const chart = /<figcaption>Failures by severity<\/figcaption>(<svg[\s\S]*?<\/svg>)/.exec(renderHtml(report))![1]!;
    const fills = [...chart.matchAll(/<text[^>]*>(\w+)<\/text><rect [^>]*fill="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(fills).toEqual(SEVERITIES.map((s) => [s, SEVERITY_COLOR[s]]));
    expect(new Set(Object.values(SEVERITY_COLOR)).size).toBe(SEVERITIES.length);
  });
});
