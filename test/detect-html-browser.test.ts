import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);

describe.skipIf(!available)('the detect HTML timeline in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];
  let origin: string;

  beforeAll(async () => {
    const { stdout } = await runCli(['detect', '--demo', '--format', 'html', '--workers', '0']);
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(stdout));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders the timeline in time order with its styles, requests nothing and logs no error', async () => {
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/detect.html`, { waitUntil: 'load' });
    const times = await page.locator('#timeline tbody tr td:first-child').allInnerTexts();
    // The demo day: the reference rules and the built-in catalogue raise 9 alerts on it.
    expect(times.length).toBe(9);
    expect([...times].sort()).toEqual(times);
    // A string, so the Node test needs no DOM types: the hashed stylesheet must apply under the CSP.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#timeline tr[data-level="critical"] .level')).backgroundColor`)).toBe('rgb(122, 11, 18)');
    await page.locator('#timeline details summary').first().click();
    expect(await page.locator('#timeline details pre').first().isVisible()).toBe(true);
    expect(requests).toEqual([`${origin}/detect.html`]);
    expect(errors).toEqual([]);
  }, 60_000);
});
