import { UserError } from '../core/errors.js';
import { parseYamlFile, readTextFile } from '../lib/yaml-file.js';
import { suppressionsFileSchema, type SuppressionEntry } from './schema.js';

/** An entry with where it is written, so reports can point at it. */
export interface SuppressionRule extends SuppressionEntry {
  /** `file:line` */
  readonly rule: string;
  readonly pattern?: RegExp;
}

export async function loadSuppressions(path: string): Promise<SuppressionRule[]> {
  return parseSuppressions(await readTextFile(path, 'suppressions'), path);
}

export function parseSuppressions(text: string, file: string): SuppressionRule[] {
  const { data, lineOf } = parseYamlFile(text, file, 'suppressions', suppressionsFileSchema);
  return data.suppressions.map((entry, index) => {
    const rule = `${file}:${lineOf(['suppressions', index]) ?? '?'}`;
    const regex = /^\/(.+)\/([a-z]*)$/.exec(entry.resource ?? '');
    if (!regex) return { ...entry, rule };
    try {
      // g and y make test() remember where it stopped: the same resource would match every other time.
      return { ...entry, rule, pattern: new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, '')) };
    } catch (error) {
      throw new UserError(`suppressions ${rule}: resource: not a valid regular expression: ${(error as Error).message}`);
    }
  });
}
