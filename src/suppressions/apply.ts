import { plainFinding, type Finding } from '../core/finding.js';
import { globMatch } from './glob.js';
import { neutralise } from '../lib/text.js';
import type { SuppressionRule } from './load.js';
import type { DataKey } from '../collectors/keys.js';

/** What became of one entry of the suppressions file in this scan. */
export interface SuppressionUse {
  readonly rule: string;
  readonly reason: string;
  readonly expires?: string;
  /** active: it suppressed findings; expired: its date has passed, so it suppressed none; stale: nothing it matches needs suppressing. */
  readonly state: 'active' | 'expired' | 'stale';
  /** Findings it suppressed (active) or would have suppressed (expired). */
  readonly findings: number;
}

/** Verdicts a suppression can accept. A PASS or N/A needs no suppression. */
const SUPPRESSIBLE = new Set(['FAIL', 'ERROR', 'UNKNOWN', 'MANUAL']);

/**
 * Marks the findings that an unexpired entry matches as SUPPRESSED, keeping the check's verdict.
 * The first live entry that matches wins. `today` is a UTC date (YYYY-MM-DD): an entry applies through its `expires` day.
 */
export function applySuppressions(findings: readonly Finding[], rules: readonly SuppressionRule[], today: string): { findings: Finding[]; uses: SuppressionUse[] } {
  const counts = rules.map(() => 0);
  const result = findings.map((finding) => {
    if (!SUPPRESSIBLE.has(finding.status)) return finding;
    let chosen: SuppressionRule | undefined;
    rules.forEach((rule, index) => {
      if (!matches(rule, finding)) return;
      const expired = isExpired(rule, today);
      // Expired entries count what they would still hide; the first live entry suppresses.
      if (expired || !chosen) counts[index]! += 1;
      if (!expired) chosen ??= rule;
    });
    if (!chosen) return finding;
    return {
      ...plainFinding(finding),
      status: 'SUPPRESSED' as const,
      suppression: { status: finding.status, reason: neutralise(chosen.reason), rule: chosen.rule, ...(chosen.expires ? { expires: chosen.expires } : {}) },
    };
  });
  const uses = rules.map((rule, index): SuppressionUse => {
    const n = counts[index]!;
    const state = isExpired(rule, today) ? 'expired' : n > 0 ? 'active' : 'stale';
    return { rule: rule.rule, reason: rule.reason, ...(rule.expires ? { expires: rule.expires } : {}), state, findings: n };
  });
  return { findings: result, uses };
}

function isExpired(rule: SuppressionRule, today: string): boolean {
  return rule.expires !== undefined && rule.expires < today;
}

function matches(rule: SuppressionRule, finding: Finding): boolean {
  const { resource } = finding;
  if (rule.check && !globMatch(rule.check, finding.checkId)) return false;
  if (rule.account && !globMatch(rule.account, resource.account)) return false;
  if (rule.region && !globMatch(rule.region, resource.region)) return false;
  if (rule.pattern && !rule.pattern.test(resource.id)) return false;
  if (rule.resource && !rule.pattern && !globMatch(rule.resource, resource.id)) return false;
  if (rule.tags) {
    const tags = resource.tags ?? {};
    for (const [key, value] of Object.entries(rule.tags)) {
      const actual = tags[key];
      if (actual === undefined || !globMatch(value, actual)) return false;
    }
  }
  return true;
}

/**
 * Data no check needs but the suppressions do: bucket tags, when an entry matches by tag and could
 * apply to a selected S3 check (IAM and EC2 tags come with the bulk reads anyway).
 */
export function suppressionNeeds(rules: readonly SuppressionRule[], selectedChecks: readonly { id: string; service: string }[]): DataKey[] {
  const s3Checks = selectedChecks.filter((c) => c.service === 's3');
  const wantsBucketTags = rules.some((rule) => rule.tags && s3Checks.some((c) => !rule.check || globMatch(rule.check, c.id)));
  return wantsBucketTags ? ['s3.bucketTags'] : [];
}
