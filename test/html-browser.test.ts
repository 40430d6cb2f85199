import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, openSite, type BrowserSite } from './support/headless-chromium.js';
import { runCli } from './support/run-cli.js';

const SCREENSHOTS = { top: join('test-results', 'html-report.png'), findings: join('test-results', 'html-report-findings.png') };

describe.skipIf(!chromiumAvailable)('the HTML report in headless Chromium', () => {
  let site: BrowserSite;
  let page: Page;
  let requests: string[];
  let errors: string[];

  beforeAll(async () => {
    const { stdout } = await runCli(['scan', '--demo', '--format', 'html', '--suppressions', 'examples/suppressions.yaml']);
    site = await openSite(new Map([['/report.html', stdout]]));
    ({ page, requests, errors } = await openPage(site, '/report.html', { width: 1280, height: 900 }));
  }, 60_000);

  afterAll(async () => site?.close());

  const shown = async () => page.locator('#findings-table tbody tr:not([hidden])').count();
  const choose = async (id: string, value: string) => page.selectOption(`#${id}`, value);
  // Typing filters after a short pause; Enter filters at once.
  const search = async (text: string) => {
    await page.fill('#f-text', text);
    await page.press('#f-text', 'Enter');
  };

  it('renders the summary, charts and checklist with no script or CSP error', async () => {
    expect(errors).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toContain('DEMO');
    expect(await page.locator('.cards .card').count()).toBe(7);
    expect(await page.locator('.charts svg').count()).toBe(2);
    expect(await page.locator('#compliance tbody tr').count()).toBe(32);
  });

  it('opens on the failures and filters by verdict, severity, service, region, checklist item and text', async () => {
    await expect(page.locator('#count').textContent()).resolves.toBe('Showing 82 of 220 findings');
    expect(await shown()).toBe(82);
    await choose('f-status', '');
    expect(await shown()).toBe(220);
    await choose('f-severity', 'critical');
    const critical = await shown();
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(220);
    await choose('f-severity', '');
    await choose('f-service', 's3');
    await choose('f-region', 'us-east-1'); // a bucket's findings carry its region
    await choose('f-checklist', 'AS-20');
    await search('demo-website-assets');
    const rows = page.locator('#findings-table tbody tr:not([hidden])');
    expect(await rows.count()).toBe(2);
    await expect(rows.first().locator('.badge').textContent()).resolves.toBe('SUPPRESSED');
    await search('no-such-resource');
    expect(await shown()).toBe(0);
    await expect(page.locator('#count').textContent()).resolves.toBe('Showing 0 of 220 findings');
  });

  it('shows a finding\'s remediation when it is opened, and takes screenshots of the top and the findings', async () => {
    for (const id of ['f-service', 'f-region', 'f-checklist']) await choose(id, '');
    await search('');
    await choose('f-status', 'FAIL');
    const first = page.locator('#findings-table tbody tr:not([hidden])').first();
    await first.locator('summary').click();
    await expect(first.locator('.fix').isVisible()).resolves.toBe(true);
    await expect(first.locator('.fix').textContent()).resolves.toMatch(/^Fix: /);
    await mkdir('test-results', { recursive: true });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: SCREENSHOTS.top });
    await page.evaluate("document.getElementById('findings').scrollIntoView()");
    await page.screenshot({ path: SCREENSHOTS.findings });
    for (const path of Object.values(SCREENSHOTS)) expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('filters as one types, after a short pause', async () => {
    await choose('f-status', '');
    await page.fill('#f-text', 'temp-debug');
    await expect.poll(shown).toBe(3);
    for (const text of await page.locator('#findings-table tbody tr').allTextContents()) expect(text).toContain('temp-debug');
  });

  it('made no request but the page itself', () => {
    expect(requests).toEqual([`${site.origin}/report.html`]);
  });
});
