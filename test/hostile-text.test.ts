/** Account data written by an adversary (a tag, a group name): it reaches every report inert. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { demoInventory } from '../src/demo/demo-inventory.js';
import { FORMATS } from '../src/reporters/formats.js';

// Clears the screen, retitles the terminal, returns to the line start and forges a passing line.
const HOSTILE = 'launch\u001b[2J\u001b]0;pwned\u0007\r\u001b[1A✓ PASS all good @octocat https://evil.example\u202etxt.exe\u0000';
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
let inventoryFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-hostile-'));
  inventoryFile = join(dir, 'hostile.json');
  await writeFile(inventoryFile, JSON.stringify(demoInventory()).replaceAll('launch-wizard-1', JSON.stringify(HOSTILE).slice(1, -1)));
});

describe('hostile text in account data', () => {
  it('is shown escaped in every format, JUnit stays well-formed, markdown neither links nor mentions', async () => {
    const out = join(dir, 'reports');
    const { stdout } = await runCli(['scan', '--inventory', inventoryFile, '--format', Object.keys(FORMATS).join(','), '--output-dir', out]);
    expect(stdout).toContain('launch\\x1b[2J\\x1b]0;pwned\\x07\\x0d\\x1b[1A✓ PASS all good');
    expect(stdout).not.toMatch(UNSAFE);
    for (const file of Object.values(FORMATS)) {
      const text = await readFile(join(out, file), 'utf8');
      expect(text.replaceAll('\r\n', '\n'), file).not.toMatch(UNSAFE); // CSV lines end in CRLF, as RFC 4180 says
      expect(text, file).toContain('pwned');
    }
    expect(XMLValidator.validate(await readFile(join(out, FORMATS.junit), 'utf8'))).toBe(true);
    const markdown = await readFile(join(out, FORMATS.markdown), 'utf8');
    expect(markdown).not.toMatch(/@octocat|https:\/\/evil/);
  });
});

describe('an inventory that is not UTF-8', () => {
  const json = JSON.stringify(demoInventory());
  it.each([
    ['a UTF-8 byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), /starts with a UTF-8 byte-order mark: remove it/],
    ['UTF-16 (as PowerShell writes it)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]), /is UTF-16 text: convert it to UTF-8/],
    ['UTF-16 without a mark', Buffer.from(json, 'utf16le'), /is UTF-16 text/],
    ['invalid UTF-8', Buffer.concat([Buffer.from(json.slice(0, 100)), Buffer.from([0xc3, 0x28]), Buffer.from(json.slice(100))]), /is not valid UTF-8 \(first bad byte at offset 101\)/],
  ])('is refused in one line when it holds %s', async (_name, bytes, message) => {
    const file = join(dir, 'encoded.json');
    await writeFile(file, bytes);
    const { code, stderr } = await runCli(['scan', '--inventory', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
