import { describe, expect, it } from 'vitest';
import { buildReport } from '../core/report.js';
import { evaluate } from '../core/engine.js';
import { CHECKS } from '../checks/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { demoInventory } from '../demo/demo-inventory.js';
import { plainFinding, type Finding } from '../core/finding.js';
import { renderHtml } from './html.js';

function demoReport(edit: (findings: Finding[]) => Finding[] = (f) => f) {
  const inventory = demoInventory();
  const now = new Date(inventory.collectedAt);
  const findings = edit(evaluate(CHECKS, inventory, { now, config: DEFAULT_CONFIG }));
  return buildReport({ source: 'demo', inventory, allChecks: CHECKS, selected: CHECKS, findings, failOn: 'low', config: DEFAULT_CONFIG, now });
}

describe('renderHtml', () => {
  it('keeps account data inert: a hostile resource name cannot close the data element or add markup', () => {
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> \u2028';
    const report = demoReport((findings) => findings.map((f, i) => (i === 0 ? { ...plainFinding(f), message: hostile, resource: { ...f.resource, name: hostile } } : f)));
    const html = renderHtml({ ...report, account: { ...report.account, callerArn: hostile } });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    const data = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect((JSON.parse(data) as { findings: { message: string }[] }).findings[0]!.message).toBe(hostile);
  });

  it('allows exactly its own inline style and script by hash, and nothing else', () => {
    const html = renderHtml(demoReport());
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; script-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/);
    expect(html).not.toMatch(/ style="/);
  });
});
