/** The registry tests itself: every check is findable, documented, tested, and generated files are fresh. */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { isChecklistId } from '../src/compliance/checklist.js';
import { COLLECTORS } from '../src/collectors/index.js';
import { DATA_KEYS } from '../src/collectors/keys.js';
import { inventorySchema } from '../src/inventory/schema.js';
import { checkFiles, staleFiles } from '../scripts/generate.js';
import { FRAMEWORKS } from '../src/compliance/frameworks/index.js';
import { selectorOf } from '../src/compliance/framework.js';

describe('check registry', () => {
  it('holds every check file, once', async () => {
    const files = await checkFiles();
    expect(CHECKS.map((c) => c.id).sort()).toEqual(files.map((f) => basename(f, '.ts')).sort());
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s is well formed', async (id, check) => {
    const file = (await checkFiles()).find((f) => basename(f, '.ts') === id)!;
    expect(id).toMatch(new RegExp(`^${check.service}-[a-z0-9]+(-[a-z0-9]+)+$`));
    expect(basename(dirname(file))).toBe(check.service);
    expect(existsSync(file.replace(/\.ts$/, '.test.ts')), 'a test beside the check').toBe(true);
    expect(check.checklist.length).toBeGreaterThan(0);
    for (const item of check.checklist) expect(isChecklistId(item)).toBe(true);
    expect(check.title).toMatch(/^[A-Z][^.]*[^.\s]$/);
    expect(check.rationale.length).toBeGreaterThan(40);
    expect(check.remediation.text.length).toBeGreaterThan(20);
    expect(check.remediation.url).toMatch(/^https:\/\//);
  });

  it('has a collector for every data key, and an inventory field where the key says', () => {
    expect(Object.keys(COLLECTORS).sort()).toEqual([...DATA_KEYS].sort());
    for (const [key, collector] of Object.entries(COLLECTORS)) {
      expect(collector.key).toBe(key);
      const [section, field] = key.split('.') as [string, string];
      const shape = (inventorySchema.shape as Record<string, { unwrap?: () => unknown; shape?: Record<string, unknown> }>)[section];
      const fields = shape?.shape ?? (shape?.unwrap?.() as { shape?: Record<string, unknown> } | undefined)?.shape;
      expect(fields && field in fields, `inventory has ${key}`).toBe(true);
    }
  });

  it.each(FRAMEWORKS.map((f) => [f.id, f] as const))('framework %s names only checks that exist, and each requirement once', (_id, framework) => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const requirement of framework.requirements) for (const entry of requirement.checks) expect(ids.has(selectorOf(entry).check), `${requirement.id} → ${selectorOf(entry).check}`).toBe(true);
    expect(new Set(framework.requirements.map((r) => r.id)).size).toBe(framework.requirements.length);
  });

  it('has generated files (index, docs, scan policy, schema) that match the code', async () => {
    expect(await staleFiles(), 'run npm run generate').toEqual([]);
  });
});
