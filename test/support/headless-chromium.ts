import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it). Without it, only a developer machine may skip. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the browser tests`);

/** Pages served on 127.0.0.1 (so a page's every request is seen) and the Chromium that opens them. */
export interface BrowserSite {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A page opened on the site, with every request it made and every error it logged. */
export interface OpenedPage {
  page: Page;
  requests: string[];
  errors: string[];
}

/** Serves `pages` (path → HTML) and launches headless Chromium. */
export async function openSite(pages: ReadonlyMap<string, string>): Promise<BrowserSite> {
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(req.url ?? '') ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stopServer = () => new Promise((resolve) => server.close(resolve));
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      // Root in CI needs --no-sandbox; the rest keep Chromium from calling home on a closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch(async (error: unknown) => {
      await stopServer(); // no site is returned to close it
      throw error;
    });
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await stopServer();
    },
  };
}

/** Opens `path` and waits for it to load; a dialog counts as an error and is dismissed (hostile text must stay inert). */
export async function openPage(site: BrowserSite, path: string, viewport?: { width: number; height: number }): Promise<OpenedPage> {
  const page = await site.browser.newPage(viewport ? { viewport } : {});
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
  return { page, requests, errors };
}
