import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { UserError } from '../core/errors.js';
import { fileProblem } from './fs-errors.js';
import './zod-messages.js';

// Loaded on the first file parsed, not at startup: a scan with no config or suppressions file
// never parses YAML, and the package took ~40 ms of CPU before the first AWS call.
const requireModule = createRequire(import.meta.url);
const yaml = (): typeof Yaml => requireModule('yaml') as typeof Yaml;

export interface ParsedFile<T> {
  readonly data: T;
  /** The 1-based line a path of the file starts on (for messages that point into the file). */
  readonly lineOf: (path: readonly (string | number)[]) => number | undefined;
}

/**
 * Parses YAML (or JSON, which is YAML) and validates it. Any problem is one line naming the
 * kind of file, the file, the line and the setting: `config c.yaml:3: thresholds.x: …`.
 */
export function parseYamlFile<S extends z.ZodType>(text: string, file: string, what: string, schema: S): ParsedFile<z.infer<S>> {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new UserError(`${what} ${file}:${line} is not valid YAML: ${syntax.message.split('\n')[0] ?? ''}`);
  }
  const lineOf = (path: readonly (string | number)[]) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return { data: result.data, lineOf };
  const issue = result.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const line = path.length ? lineOf(path) : undefined;
  const field = path.length ? path.join('.') : '(top level)';
  throw new UserError(`${what} ${file}${line === undefined ? '' : `:${line}`}: ${field}: ${issue.message}`);
}

/** Reads a file for `parseYamlFile`; a missing or unreadable file is one line too. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${what} ${path}: ${fileProblem(error)}`);
  }
}
