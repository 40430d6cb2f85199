import { dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { fileProblem } from '../lib/fs-errors.js';
import { parseYamlFile } from '../lib/yaml-file.js';
import { configSchema, DEFAULT_CONFIG, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'bulwark.config.yaml';

/**
 * Reads and validates a config file (YAML or JSON). Problems are one line naming the file,
 * the line and the setting. No file given and none in the working directory: the defaults.
 * Paths in the file (suppressions, output directory) are relative to the file's directory.
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<{ config: Config; source?: string }> {
  const file = path ?? `${cwd}/${DEFAULT_CONFIG_FILE}`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!path && code === 'ENOENT') return { config: DEFAULT_CONFIG };
    throw new UserError(`cannot read config ${file}: ${fileProblem(error)}`);
  }
  const config = parseConfig(text, file);
  const base = dirname(resolve(file));
  return {
    config: {
      ...config,
      ...(config.suppressions ? { suppressions: resolve(base, config.suppressions) } : {}),
      ...(config.outputDir ? { outputDir: resolve(base, config.outputDir) } : {}),
    },
    source: file,
  };
}

export function parseConfig(text: string, file: string): Config {
  return parseYamlFile(text, file, 'config', configSchema).data;
}
