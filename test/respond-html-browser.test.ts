import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRespondHtml } from '../src/respond/reporters/html.js';
import { respondReport } from '../src/respond/report.js';
import { demoIncident } from '../src/demo/demo-incident.js';
import { chromiumAvailable, openPage, openSite, type BrowserSite } from './support/headless-chromium.js';
import { runCli } from './support/run-cli.js';

describe.skipIf(!chromiumAvailable)('the respond HTML incident summary in headless Chromium', () => {
  let site: BrowserSite;
  const pages = new Map<string, string>();

  beforeAll(async () => {
    pages.set('/respond.html', (await runCli(['respond', '--demo', '--format', 'html'])).stdout);
    // Hostile account text, and a contained step, in a report of its own.
    const { scope, events } = await demoIncident();
    const hostile = { ...scope, items: [{ ...scope.items[0]!, id: 'evil<script>alert(1)</script>\u001b[2J\u202e' }, ...scope.items.slice(1)] };
    const report = respondReport({ scope: hostile, recover: [], now: new Date('2026-11-20T12:10:00Z'), outcome: { operation: 'apply', journal: 'j.jsonl', steps: [{ key: 'respond:deny-user:svc-backup', title: 'Deny every action to user svc-backup', outcome: 'applied', time: '2026-11-20T12:06:00Z' }] } });
    pages.set('/hostile.html', renderRespondHtml(report, events));
    site = await openSite(pages);
  }, 60_000);

  afterAll(async () => site?.close());

  it('shows the timeline of the suspect\'s calls and of what they made in time order, styled, requesting nothing', async () => {
    const { page, requests, errors } = await openPage(site, '/respond.html');
    const times = await page.locator('#timeline tbody tr td:first-child').allInnerTexts();
    // 20 events of the suspect and 10 things made.
    expect(times.length).toBe(30);
    expect([...times].sort()).toEqual(times);
    expect(await page.locator('#timeline tr.created').count()).toBe(10);
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#timeline tr.created .kind')).backgroundColor`)).toBe('rgb(209, 36, 47)');
    expect(await page.locator('#recover .FAIL').innerText()).toBe('FAIL');
    expect(await page.locator('#plan').count()).toBe(0);
    expect(requests).toEqual([`${site.origin}/respond.html`]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows contained steps on the timeline, and hostile account text as inert text', async () => {
    const { page, errors } = await openPage(site, '/hostile.html');
    expect(await page.locator('#timeline tr.contained').innerText()).toContain('Deny every action to user svc-backup');
    expect(await page.locator('script').count()).toBe(0);
    const created = await page.locator('#timeline tr.created').first().innerText();
    expect(created).toContain('evil<script>alert(1)</script>\\x1b[2J\\u202e');
    expect(errors).toEqual([]);
  }, 60_000);
});
