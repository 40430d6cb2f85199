import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage } from './html-page.js';

const csp = (page: string) => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)![1]!;
const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe('htmlPage', () => {
  it('allows its own style and script by hash and nothing else', () => {
    const page = htmlPage({ title: 't', style: 'body{}', script: 'void 0', body: '<p>x</p>' });
    expect(csp(page)).toBe(`default-src 'none'; style-src '${hash('body{}')}'; script-src '${hash('void 0')}'; base-uri 'none'; form-action 'none'`);
    expect(page).toContain('<script>void 0</script>\n</body>');
  });

  it('allows no script at all when the page has none', () => {
    const page = htmlPage({ title: 't', style: 'p{}', body: '' });
    expect(csp(page)).not.toContain('script-src');
    expect(page).not.toContain('<script');
  });

  it('escapes a hostile title', () => {
    const page = htmlPage({ title: '</title><script>alert(1)</script>\u001b[2J', style: '', body: '' });
    expect(page).toContain('<title>&#60;/title&#62;&#60;script&#62;alert(1)&#60;/script&#62;\\x1b[2J</title>');
  });
});

describe('escapeHtml', () => {
  it('shows control, line-separator and bidirectional characters escaped', () => {
    expect(escapeHtml('a\u0000b\u2028c\u202ed"&\'')).toBe('a\\x00b\\u2028c\\u202ed&#34;&#38;&#39;');
  });
});
