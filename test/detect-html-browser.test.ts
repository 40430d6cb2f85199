import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, openSite, type BrowserSite } from './support/headless-chromium.js';
import { runCli } from './support/run-cli.js';

describe.skipIf(!chromiumAvailable)('the detect HTML timeline in headless Chromium', () => {
  let site: BrowserSite;

  beforeAll(async () => {
    const { stdout } = await runCli(['detect', '--demo', '--format', 'html', '--workers', '0']);
    site = await openSite(new Map([['/detect.html', stdout]]));
  }, 60_000);

  afterAll(async () => site?.close());

  it('renders the timeline in time order with its styles, requests nothing and logs no error', async () => {
    const { page, requests, errors } = await openPage(site, '/detect.html');
    const times = await page.locator('#timeline tbody tr td:first-child').allInnerTexts();
    // The demo day: the reference rules and the built-in catalogue raise 9 alerts on it.
    expect(times.length).toBe(9);
    expect([...times].sort()).toEqual(times);
    // A string, so the Node test needs no DOM types: the hashed stylesheet must apply under the CSP.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#timeline tr[data-level="critical"] .level')).backgroundColor`)).toBe('rgb(122, 11, 18)');
    await page.locator('#timeline details summary').first().click();
    expect(await page.locator('#timeline details pre').first().isVisible()).toBe(true);
    expect(requests).toEqual([`${site.origin}/detect.html`]);
    expect(errors).toEqual([]);
  }, 60_000);
});
