import { CHECKS } from '../checks/index.js';
import type { Check } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import { requirementsOf } from '../compliance/frameworks/index.js';

const BY_ID = new Map(CHECKS.map((check) => [check.id, check]));

/** What a report format says about a check beyond its findings: why it matters and the frameworks it answers. */
export function checkInfo(finding: Pick<Finding, 'checkId' | 'title'>): { check?: Check; rationale: string; requirements: string[] } {
  const check = BY_ID.get(finding.checkId);
  return {
    ...(check ? { check } : {}),
    rationale: check?.rationale ?? finding.title,
    requirements: requirementsOf(finding.checkId).map((r) => `${r.framework} ${r.requirement}`),
  };
}

/** One finding per check, in first-seen order: the rules of SARIF, the test cases of JUnit. */
export function firstPerCheck(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.checkId)) seen.set(f.checkId, f);
  return [...seen.values()];
}
