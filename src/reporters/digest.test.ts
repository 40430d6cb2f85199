import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { evaluate } from '../core/engine.js';
import { plainFinding, type Finding } from '../core/finding.js';
import { buildReport } from '../core/report.js';
import { severityRank } from '../core/severity.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { renderConsole } from './console.js';
import { digestFindings } from './digest.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';
import type { Colors } from '../cli/io.js';

const inventory = demoInventory();
const now = new Date(inventory.collectedAt);
const base = buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings: evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG }), failOn: 'low', config: DEFAULT_CONFIG, now });
const plain = new Proxy({}, { get: () => (text: string) => text }) as Colors;

/** The demo's findings in `accounts` accounts: each a distinct resource. */
function organisation(accounts: number): Finding[] {
  return Array.from({ length: accounts }, (_, i) => String(200000000000 + i)).flatMap((account) =>
    base.findings.map(plainFinding).map((f) => ({ ...f, id: `${f.id}-${account}`, message: `${account}: ${f.message}`, resource: { ...f.resource, account } })),
  );
}

describe('digestFindings', () => {
  it('keeps the worst findings (FAIL first, most severe first, then the earliest) in the order they came, and counts every one', async () => {
    const findings = organisation(30);
    const digest = await digestFindings(findings, 50);
    const order = new Map(findings.map((f, i) => [f, i]));
    const rank = (f: Finding) => ({ FAIL: 5, ERROR: 4, UNKNOWN: 3, MANUAL: 2, SUPPRESSED: 1 } as Record<string, number>)[f.status] ?? 0;
    const listable = findings.filter((f) => rank(f) > 0);
    const expected = [...listable]
      .sort((a, b) => rank(b) * 10 + severityRank(b.severity) - (rank(a) * 10 + severityRank(a.severity)) || order.get(a)! - order.get(b)!)
      .slice(0, 50)
      .sort((a, b) => order.get(a)! - order.get(b)!);
    expect(digest.shown).toEqual(expected);
    expect(digest.shown.every((f) => f.status === 'FAIL')).toBe(true);
    expect(digest.total).toBe(findings.length);
    expect(digest.omitted).toBe(listable.length - 50);
    const counted = [...digest.checks.values()].reduce((n, t) => n + Object.values(t.counts).reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(findings.length);
  });

  it('renders console and markdown exactly as from the whole list when nothing is left out', async () => {
    const digest = await digestFindings(base.findings, 10_000);
    expect(digest.omitted).toBe(0);
    const digested = { ...base, findings: [...digest.shown] };
    expect(renderConsole(digested, { colors: plain, verbose: false, digest })).toBe(renderConsole(base, { colors: plain, verbose: false }));
    expect(renderMarkdown(digested, digest)).toBe(renderMarkdown(base));
  });

  it('counts what it left out in console and markdown, and says where the whole list is', async () => {
    const findings = organisation(40);
    const summary = { ...base.summary };
    for (const s of Object.keys(summary) as (keyof typeof summary)[]) summary[s] *= 40;
    const digest = await digestFindings(findings, 200);
    const report = { ...base, summary, findings: [...digest.shown] };
    const text = renderConsole(report, { colors: plain, verbose: true, digest });
    expect(text).toContain(`Listed: the 200 worst of ${200 + digest.omitted} findings that need attention`);
    expect(text).toContain('The whole list is in --format json.');
    expect(text).toContain(`(${findings.length} findings from ${base.checks.length} checks)`);
    expect(text).toContain(`… and ${summary.FAIL - 5} more FAILs`);
    // Passed checks count every account's findings, and --verbose cannot list what was only counted.
    const passed = [...digest.checks.values()].find((t) => t.counts.PASS && Object.keys(t.counts).every((s) => s === 'PASS'))!;
    expect(text).toContain(`(${passed.first.checkId}: ${passed.counts.PASS} passed)`);
    expect(text).not.toMatch(/✓ PASS/);
    expect(text.split('\n').length).toBeLessThan(renderConsole({ ...base, summary, findings }, { colors: plain, verbose: false }).split('\n').length);

    const markdown = renderMarkdown(report, digest);
    expect(markdown).toContain('The whole list is in `--format json`.');
    const failing = [...digest.checks].find(([, t]) => t.counts.FAIL && digest.shown.some((f) => f.checkId === t.first.checkId))!;
    const html = renderHtml(report, digest);
    expect(html).toContain(`Findings (${findings.length})`);
    expect((JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(html)![1]!) as { findings: unknown[] }).findings).toHaveLength(200);
    expect(html).toContain('<p class="meta"><strong>Listed: the 200 worst of');
    expect(html).toContain(`aria-label="critical ${findings.filter((f) => f.status === 'FAIL' && f.severity === 'critical').length},`);
    expect(markdown).toContain(`<code>${failing[0]}</code> (${(failing[1].counts.FAIL ?? 0) + (failing[1].counts.ERROR ?? 0) + (failing[1].counts.UNKNOWN ?? 0)})</summary>`);
    // A check whose findings were all left out still has its section and its count.
    const cut = [...digest.checks].find(([checkId, t]) => (t.counts.FAIL ?? 0) > 0 && !digest.shown.some((f) => f.checkId === checkId))!;
    expect(markdown).toContain(`<code>${cut[0]}</code> (${(cut[1].counts.FAIL ?? 0) + (cut[1].counts.ERROR ?? 0) + (cut[1].counts.UNKNOWN ?? 0)})</summary>`);
  });
});
