import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, loadRules } from '../src/detect/engine.js';
import { ruleFileProblems, runRuleCases } from '../src/testing/rule-tester.js';
import { readFileSync } from 'node:fs';

const files = readdirSync(BUILT_IN_RULES, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('built-in rules', () => {
  it('exist, and load together without a problem (ids unique across files)', () => {
    expect(files.length).toBeGreaterThan(0);
    const set = loadRules(files.map((f) => ({ file: f, text: readFileSync(join(BUILT_IN_RULES, f), 'utf8') })));
    expect(set.problems).toEqual([]);
  });

  describe.each(files)('%s', (file) => {
    const path = join(BUILT_IN_RULES, file);
    const label = relative(process.cwd(), path);

    it('has its metadata, checklist items and both kinds of test case', () => {
      expect(ruleFileProblems(path, label)).toEqual([]);
    });

    it('alerts on exactly the cases that expect it', () => {
      for (const c of runRuleCases(path, label)) {
        const fired = c.alerts.map((a) => a.title);
        if (c.expect === 'alert') expect(fired, `case "${c.name}" should alert`).not.toEqual([]);
        else expect(fired, `case "${c.name}" should not alert`).toEqual([]);
      }
    });
  });
});
