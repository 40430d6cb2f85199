import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../core/errors.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'bulwark.config.yaml';

/**
 * Reads and validates a config file (YAML or JSON). Problems are one line naming the file,
 * the line and the setting. No file given and none in the working directory: the defaults.
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<{ config: Config; source?: string }> {
  const file = path ?? `${cwd}/${DEFAULT_CONFIG_FILE}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!path && code === 'ENOENT') return { config: DEFAULT_CONFIG };
    throw new UserError(`cannot read config ${file}: ${code ?? String(error)}`);
  }
  return { config: parseConfig(text, file), source: file };
}

export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new UserError(`config ${file}:${line} is not valid YAML: ${syntax.message.split('\n')[0] ?? ''}`);
  }
  const result = configSchema.safeParse(document.toJS() ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const node = document.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
  const parent = document.getIn(issue.path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0] ?? parent?.range?.[0];
  const where = offset === undefined ? '' : `:${lineCounter.linePos(offset).line}`;
  const field = issue.path.length ? issue.path.join('.') : '(top level)';
  throw new UserError(`config ${file}${where}: ${field}: ${issue.message}`);
}
