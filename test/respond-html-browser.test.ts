import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRespondHtml } from '../src/respond/reporters/html.js';
import { respondReport } from '../src/respond/report.js';
import { demoIncident } from '../src/demo/demo-incident.js';
import { runCli } from './support/run-cli.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);

describe.skipIf(!available)('the respond HTML incident summary in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  const pages = new Map<string, string>();
  let origin: string;

  beforeAll(async () => {
    pages.set('/respond.html', (await runCli(['respond', '--demo', '--format', 'html'])).stdout);
    // Hostile account text, and a contained step, in a report of its own.
    const { scope, events } = await demoIncident();
    const hostile = { ...scope, items: [{ ...scope.items[0]!, id: 'evil<script>alert(1)</script>\u001b[2J\u202e' }, ...scope.items.slice(1)] };
    const report = respondReport({ scope: hostile, recover: [], now: new Date('2026-11-20T12:10:00Z'), outcome: { operation: 'apply', journal: 'j.jsonl', steps: [{ key: 'respond:deny-user:svc-backup', title: 'Deny every action to user svc-backup', outcome: 'applied', time: '2026-11-20T12:06:00Z' }] } });
    pages.set('/hostile.html', renderRespondHtml(report, events));
    server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(req.url ?? '') ?? ''));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(path: string) {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  it('shows the timeline of the suspect\'s calls and of what they made in time order, styled, requesting nothing', async () => {
    const { page, requests, errors } = await open('/respond.html');
    const times = await page.locator('#timeline tbody tr td:first-child').allInnerTexts();
    // 20 events of the suspect and 10 things made.
    expect(times.length).toBe(30);
    expect([...times].sort()).toEqual(times);
    expect(await page.locator('#timeline tr.created').count()).toBe(10);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#timeline tr.created .kind')).backgroundColor`)).toBe('rgb(209, 36, 47)');
    expect(await page.locator('#recover .FAIL').innerText()).toBe('FAIL');
    expect(await page.locator('#plan').count()).toBe(0);
    expect(requests).toEqual([`${origin}/respond.html`]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows contained steps on the timeline, and hostile account text as inert text', async () => {
    const { page, errors } = await open('/hostile.html');
    expect(await page.locator('#timeline tr.contained').innerText()).toContain('Deny every action to user svc-backup');
    expect(await page.locator('script').count()).toBe(0);
    const created = await page.locator('#timeline tr.created').first().innerText();
    expect(created).toContain('evil<script>alert(1)</script>\\x1b[2J\\u202e');
    expect(errors).toEqual([]);
  }, 60_000);
});
