/** What `npm publish` would ship: the licence package.json promises, and nothing pointing at files it leaves out. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the npm package', () => {
  it('ships the MIT licence and no source maps that point to unshipped sources', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { env: { ...process.env, npm_config_loglevel: 'silent' } });
    const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
    const files = pack!.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(await readFile('LICENSE', 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Bulwark contributors\n/);
    expect((JSON.parse(await readFile('package.json', 'utf8')) as { license: string }).license).toBe('MIT');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.some((f) => f.startsWith('src/'))).toBe(false);
    expect(files).toContain('dist/cli.js');
  });
});
