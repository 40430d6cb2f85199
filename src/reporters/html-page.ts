/**
 * The shell every self-contained HTML page shares (the scan report, detect's and respond's
 * timelines): inline CSS and, where a page has one, inline script, each allowed by its hash in a
 * Content-Security-Policy that forbids every request, so a page works offline and from an artefact
 * store and nothing in account data can load or send anything.
 */
import { createHash } from 'node:crypto';
import { neutralise } from '../lib/text.js';

export interface HtmlPage {
  /** Plain text: escaped here. */
  readonly title: string;
  readonly style: string;
  /** Runs after the body; omitted for a page without script (then `script-src` allows nothing). */
  readonly script?: string;
  /** Markup, with account data already passed through `escapeHtml`. */
  readonly body: string;
}

export function htmlPage(page: HtmlPage): string {
  const csp = [`default-src 'none'`, `style-src '${sha256(page.style)}'`, ...(page.script ? [`script-src '${sha256(page.script)}'`] : []), `base-uri 'none'`, `form-action 'none'`].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
${page.script ? `<script>${page.script}</script>\n` : ''}</body>
</html>
`;
}

/** Account text in markup: control and bidirectional characters shown escaped, then HTML's five specials as entities. */
export function escapeHtml(text: string): string {
  return neutralise(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}
