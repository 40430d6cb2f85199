/**
 * The scan path stays read-only: every module that collectors and checks reach (imports followed,
 * static and dynamic) uses only AWS read commands, and none reaches the fix executor.
 * A write command can only be called from src/fixers/execute.ts, which only fix code imports.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const READ_VERBS = /^(Get|List|Describe|Head|Lookup|Search)[A-Z]/;
/** Reads whose names do not say so. */
const READS = new Set(['GenerateCredentialReportCommand']);

function reachable(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.map((e) => join(ROOT, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      queue.push(resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
    }
  }
  return seen;
}

const scanPath = reachable(['src/checks/index.ts', 'src/collectors/index.ts', 'src/core/collect.ts', 'src/core/engine.ts']);
const files = [...scanPath].map((f) => relative(ROOT, f)).sort();

describe('collectors and checks never reach a write', () => {
  it('follows the imports of every check and collector', () => {
    expect(files).toContain('src/checks/iam/iam-user-access-keys-used.ts');
    expect(files).toContain('src/collectors/iam/access-keys.ts');
    expect(files).toContain('src/fixers/iam.ts'); // plans are data: fixers' step builders are reachable, and must stay SDK-free
  });

  it('never reaches the fix executor', () => {
    expect(files.filter((f) => f === 'src/fixers/execute.ts' || f.startsWith('src/plan/apply') || f.startsWith('src/cli/'))).toEqual([]);
  });

  it.each(files)('%s uses only AWS read commands', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const commands = [...text.matchAll(/\b([A-Z][A-Za-z0-9]*Command)\b/g)].map((m) => m[1]!);
    expect(commands.filter((c) => !READ_VERBS.test(c) && !READS.has(c))).toEqual([]);
    // A command looked up by a computed name could be anything: only the executor may do that.
    expect(text).not.toMatch(/\b(sdk|module|client)\[[^\]]*Command/);
    if (file.startsWith('src/fixers/')) expect(text, 'fixers reachable from checks build plans; only execute.ts touches the SDK').not.toMatch(/@aws-sdk\/|\bawsSdk\(/);
  });

  it('the executor is the one place that looks up commands by name', () => {
    expect(readFileSync(join(ROOT, 'src/fixers/execute.ts'), 'utf8')).toMatch(/sdk\[`\$\{resolved\.operation\}Command`\]/);
  });
});
