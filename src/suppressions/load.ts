import { RE2JS } from 're2js';
import { UserError } from '../core/errors.js';
import { parseYamlFile, readTextFile } from '../lib/yaml-file.js';
import { suppressionsFileSchema, type SuppressionEntry } from './schema.js';

/** An entry with where it is written, so reports can point at it. */
export interface SuppressionRule extends SuppressionEntry {
  /** `file:line` */
  readonly rule: string;
  readonly pattern?: ResourcePattern;
}

/** A `resource: /…/flags` entry, run by a linear-time engine (RE2): no name can make it take long. */
export interface ResourcePattern {
  test(resourceId: string): boolean;
}

/** JavaScript flags RE2 can honour; g and y only make test() stateful, u and d change nothing here. */
const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, g: 0, y: 0, u: 0, d: 0 };

function compilePattern(source: string, flags: string, rule: string): ResourcePattern {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit === undefined) throw new UserError(`suppressions ${rule}: resource: unknown regular expression flag "${flag}": use i, m or s`);
    bits |= bit;
  }
  try {
    return RE2JS.compile(source, bits);
  } catch (error) {
    // RE2 has no look-around or back-references: the features that make matching take exponential time.
    throw new UserError(`suppressions ${rule}: resource: not a valid regular expression (no look-around or back-references): ${(error as Error).message}`);
  }
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
    return { ...entry, rule, pattern: compilePattern(regex[1]!, regex[2]!, rule) };
  });
}
