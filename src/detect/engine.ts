/**
 * The detect engine's entry points: rule files from folders (the bundled `rules/` first), the
 * matcher a worker runs per event, and an in-process run over a list of events (used by the rule
 * tester, LookupEvents and tests).
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { UserError } from '../core/errors.js';
import type { Alert } from './alert.js';
import { eventTime } from './alert.js';
import { Detector } from './detector.js';
import { RuleIndex } from './rule-index.js';
import type { Event } from './sigma/fields.js';
import { loadRules, type RuleSource } from './sigma/load.js';
import type { RuleSet } from './sigma/rule.js';

/** `rules/` at the package root: two levels up from both src/detect and dist/detect. */
export const BUILT_IN_RULES = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Every `.yml`/`.yaml` under the folders (or the files themselves), in a stable order. */
export async function readRuleSources(paths: readonly string[]): Promise<RuleSource[]> {
  const sources: RuleSource[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = await yamlFiles(path);
    } catch (error) {
      throw new UserError(`cannot read rules from ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    for (const file of files.sort()) {
      const label = path === BUILT_IN_RULES ? `rules/${relative(BUILT_IN_RULES, file)}` : file;
      sources.push({ file: label, text: await readFile(file, 'utf8') });
    }
  }
  return sources;
}

async function yamlFiles(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (entries === null) return [path];
  return entries.filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** What a worker needs per event: the index of the event rules whose matches are wanted. */
export function createMatcher(set: RuleSet, wanted: (rule: number) => boolean): RuleIndex {
  return new RuleIndex(set.rules.map((r, i) => (r.kind === 'event' && wanted(i) ? (r) : undefined)));
}

/** Runs events through the rules in-process, in time order, and returns the alerts. */
export function detectEvents(set: RuleSet, events: readonly Event[]): Alert[] {
  const detector = new Detector(set);
  const index = createMatcher(set, (i) => detector.wanted(i));
  const sorted = [...events].sort((a, b) => (eventTime(a) || 0) - (eventTime(b) || 0));
  for (const event of sorted) index.match(event, (rule) => detector.match(rule, event));
  return detector.finish();
}

export { loadRules };
