import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

/** Debian's Chromium (`.ci/run` installs it). Without it, only a developer machine may skip. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);

const SCREENSHOTS = { top: join('test-results', 'html-report.png'), findings: join('test-results', 'html-report-findings.png') };

describe.skipIf(!available)('the HTML report in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    const { stdout } = await runCli(['scan', '--demo', '--format', 'html', '--suppressions', 'examples/suppressions.yaml']);
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(stdout));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Root in CI needs --no-sandbox; the rest keep Chromium from calling home on a closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/report.html`, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

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
    expect(requests).toEqual([`${origin}/report.html`]);
  });
});
