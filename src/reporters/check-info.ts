import { CHECKS } from '../checks/index.js';
import type { Check } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import { requirementNames } from '../compliance/frameworks/index.js';

const BY_ID = new Map(CHECKS.map((check) => [check.id, check]));

/** The checks a report ran, with their metadata: the rules of SARIF. */
export function checksOf(ids: readonly string[]): Check[] {
  return ids.flatMap((id) => BY_ID.get(id) ?? []);
}

/** What a report format says about a finding's check beyond the finding: why it matters and the frameworks it answers. */
export function checkInfo(finding: Pick<Finding, 'checkId' | 'title'>): { rationale: string; requirements: readonly string[] } {
  return { rationale: BY_ID.get(finding.checkId)?.rationale ?? finding.title, requirements: requirementNames(finding.checkId) };
}
