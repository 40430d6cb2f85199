import type { Framework } from '../framework.js';
import { CIS_7_0 } from './cis-7.0.js';

/** Frameworks mapped onto the checks, by id (`--compliance`, `bulwark frameworks`). */
export const FRAMEWORKS: readonly Framework[] = [CIS_7_0];

/** The reverse index: every framework requirement a check answers, e.g. `CIS 7.0 2.4`. */
export function requirementsOf(checkId: string): { framework: string; requirement: string }[] {
  return FRAMEWORKS.flatMap((framework) =>
    framework.requirements
      .filter((r) => r.checks.some((entry) => (typeof entry === 'string' ? entry : entry.check) === checkId))
      .map((r) => ({ framework: framework.id, requirement: r.id })),
  );
}
