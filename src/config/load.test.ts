import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from './load.js';
import { DEFAULT_CONFIG } from './schema.js';

describe('parseConfig', () => {
  it('fills every default for an empty file', () => {
    expect(parseConfig('', 'c.yaml')).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.thresholds.accessKeyMaxAgeDays).toBe(90);
    expect(DEFAULT_CONFIG.passwordPolicy).toMatchObject({ minLength: 14, reusePrevention: 24, maxAgeDays: 90 });
  });

  it('keeps what the file sets and defaults the rest', () => {
    const config = parseConfig('thresholds:\n  accessKeyMaxAgeDays: 30\nbreakGlassRoles: [BreakGlass]\n', 'c.yaml');
    expect(config.thresholds).toMatchObject({ accessKeyMaxAgeDays: 30, accessKeyUnusedDays: 90 });
    expect(config.breakGlassRoles).toEqual(['BreakGlass']);
  });

  it('reads JSON too', () => {
    expect(parseConfig('{"passwordPolicy": {"minLength": 20}}', 'c.json').passwordPolicy.minLength).toBe(20);
  });

  it.each([
    ['a wrong type, with its line', 'thresholds:\n  keyPairMaxInstances: 3\n  accessKeyMaxAgeDays: ninety\n', /^config c\.yaml:3: thresholds\.accessKeyMaxAgeDays: Invalid input: expected number, received string$/],
    ['an unknown setting', 'thresholds:\n  acessKeyMaxAgeDays: 30\n', /^config c\.yaml:2: thresholds: Unrecognized key: "acessKeyMaxAgeDays"$/],
    ['a value out of range', 'passwordPolicy:\n  reusePrevention: 30\n', /c\.yaml:2: passwordPolicy\.reusePrevention: Too big/],
    ['broken YAML', 'thresholds:\n  a: [1, 2\n', /^config c\.yaml:\d+ is not valid YAML: /],
  ])('rejects %s in one line', (_name, text, message) => {
    expect(() => parseConfig(text, 'c.yaml')).toThrow(message);
  });
});

describe('loadConfig', () => {
  it('uses the defaults when no file is named and none is in the working directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-config-'));
    expect(await loadConfig(undefined, dir)).toEqual({ config: DEFAULT_CONFIG });
  });

  it('reads bulwark.config.yaml from the working directory, and fails on a named file that is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-config-'));
    await writeFile(join(dir, 'bulwark.config.yaml'), 'thresholds: { rootUseWindowDays: 30 }\n');
    const loaded = await loadConfig(undefined, dir);
    expect(loaded.config.thresholds.rootUseWindowDays).toBe(30);
    expect(loaded.source).toBe(join(dir, 'bulwark.config.yaml'));
    await expect(loadConfig(join(dir, 'missing.yaml'), dir)).rejects.toThrow(/^cannot read config .*missing\.yaml: no such file or directory$/);
  });
});
