import { selectorOf, type Framework } from '../framework.js';
import { CIS_7_0 } from './cis-7.0.js';

/** Frameworks mapped onto the checks, by id (`--compliance`, `bulwark frameworks`). */
export const FRAMEWORKS: readonly Framework[] = [CIS_7_0];

/** The reverse index, built once: the framework requirements each check answers. */
const BY_CHECK = new Map<string, string[]>();
for (const framework of FRAMEWORKS) {
  for (const requirement of framework.requirements) {
    for (const check of new Set(requirement.checks.map((entry) => selectorOf(entry).check))) {
      BY_CHECK.set(check, [...(BY_CHECK.get(check) ?? []), `${framework.id} ${requirement.id}`]);
    }
  }
}

/** The requirements a check answers, as `cis-7.0 2.4`, for reports and docs. */
export function requirementNames(checkId: string): readonly string[] {
  return BY_CHECK.get(checkId) ?? [];
}
