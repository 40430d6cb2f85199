import type { Status } from '../core/check.js';
import type { Finding } from '../core/finding.js';
import { statusCounts, worstStatus } from '../core/report.js';
import type { Config } from '../config/schema.js';
import { selectorOf, type Framework } from './framework.js';

export type RequirementStatus = Status | 'NOT_SELECTED';

export interface RequirementVerdict {
  readonly id: string;
  readonly section: string;
  readonly title: string;
  readonly automated: boolean;
  readonly profile?: string;
  readonly checks: readonly string[];
  readonly status: RequirementStatus;
  readonly counts: Partial<Record<Status, number>>;
  /** Why the verdict is what it is, when the findings alone do not say. */
  readonly note?: string;
}

export interface FrameworkView {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly requirements: readonly RequirementVerdict[];
  readonly summary: Partial<Record<RequirementStatus, number>>;
}

/** Every requirement of a framework with a verdict from the findings of the checks that answer it. */
export function frameworkView(framework: Framework, findings: readonly Finding[], selected: ReadonlySet<string>, config: Config): FrameworkView {
  const tally = new FrameworkTally(framework, selected, config);
  tally.add(findings);
  return tally.view();
}

/**
 * The verdicts counted as findings arrive, account by account (`scan --org`): memory holds one
 * count per requirement and status, never the findings. Adding every finding gives the view of them all.
 */
export class FrameworkTally {
  private readonly counts: Partial<Record<Status, number>>[];
  private readonly selectors: ReturnType<typeof selectorOf>[][];

  constructor(
    private readonly framework: Framework,
    private readonly selected: ReadonlySet<string>,
    private readonly config: Config,
  ) {
    this.selectors = framework.requirements.map((r) => r.checks.map(selectorOf));
    this.counts = framework.requirements.map(() => ({}));
  }

  add(findings: readonly Finding[]): void {
    for (const [i, selectors] of this.selectors.entries()) {
      const counts = statusCounts(findings.filter((f) => selectors.some((s) => s.check === f.checkId && (!s.resourceSuffix || f.resource.id.endsWith(s.resourceSuffix)))));
      const total = this.counts[i]!;
      for (const [status, n] of Object.entries(counts) as [Status, number][]) total[status] = (total[status] ?? 0) + n;
    }
  }

  view(): FrameworkView {
    const { framework, selected, config } = this;
    const requirements = framework.requirements.map((requirement, i): RequirementVerdict => {
      const checks = [...new Set(this.selectors[i]!.map((s) => s.check))];
      const base = { id: requirement.id, section: requirement.section, title: requirement.title, automated: requirement.automated, ...(requirement.profile ? { profile: requirement.profile } : {}), checks };
      if (checks.length === 0) return { ...base, status: 'MANUAL', counts: {}, note: 'no Bulwark check answers this: review it yourself' };
      if (!checks.some((id) => selected.has(id))) return { ...base, status: 'NOT_SELECTED', counts: {} };

      const counts = { ...this.counts[i]! };
      const status = worstStatus(counts);
      if (status !== 'PASS') return { ...base, status, counts, ...(requirement.note && status === 'FAIL' ? { note: requirement.note } : {}) };
      const skipped = checks.filter((id) => !selected.has(id));
      if (skipped.length) return { ...base, status: 'UNKNOWN', counts, note: `only some of its checks ran: run ${skipped.join(', ')} too for a verdict` };
      const looser = Object.entries(requirement.thresholds ?? {}).filter(([key, limit]) => config.thresholds[key as keyof Config['thresholds']] > limit);
      if (looser.length) {
        const asks = looser.map(([key, limit]) => `thresholds.${key} is ${config.thresholds[key as keyof Config['thresholds']]}, ${framework.id} asks ${limit}`).join('; ');
        return { ...base, status: 'UNKNOWN', counts, note: `passed with looser thresholds than the requirement (${asks}): set them in the config file` };
      }
      if (requirement.coverage === 'partial') return { ...base, status: 'MANUAL', counts, note: `what Bulwark checks passes; review the rest: ${requirement.note ?? ''}` };
      return { ...base, status, counts };
    });
    const summary: Partial<Record<RequirementStatus, number>> = {};
    for (const r of requirements) summary[r.status] = (summary[r.status] ?? 0) + 1;
    return { id: framework.id, title: framework.title, version: framework.version, requirements, summary };
  }
}
