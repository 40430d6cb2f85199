/** The plan, and what apply and undo did, as people read them on a terminal. */
import type { Colors } from '../cli/io.js';
import { neutralise, plural } from '../lib/text.js';
import { groupBy } from '../lib/group-by.js';
import type { StepResult } from './apply.js';
import type { Verified } from './live-state.js';
import type { FixCall, FixRisk } from '../core/fix-plan.js';
import { isFinding, type Plan, type StepOutcome, type StepSubject } from './schema.js';

const RISK_WORDS: Record<FixRisk, string> = { safe: 'safe', 'may-disrupt': 'may disrupt', 'costs-money': 'costs money' };

export function riskLabel(risk: FixRisk, c: Colors): string {
  const words = `[${RISK_WORDS[risk]}]`;
  return risk === 'safe' ? c.green(words) : risk === 'may-disrupt' ? c.yellow(words) : c.magenta(words);
}

/** `iam:UpdateAccessKey global {"UserName":"alice",…}`: the exact call, shortened for the screen (the JSON plan holds it all). */
export function describeCall(call: Pick<FixCall, 'action' | 'input' | 'region'> & { readonly sdk?: string | undefined }): string {
  const input = JSON.stringify(call.input);
  const shown = input.length > 160 ? `${input.slice(0, 159)}…` : input;
  return neutralise(`${call.action}${call.sdk ? ` (${call.sdk})` : ''} ${call.region} ${shown}`);
}

export function renderPlan(plan: Plan, c: Colors): string {
  const t = neutralise;
  const lines: string[] = [];
  const where = plan.source === 'demo' ? ' (the demo account)' : plan.source === 'inventory' ? ' (from a saved inventory)' : '';
  const respond = plan.kind === 'bulwark-respond-plan';
  lines.push(`${c.bold(respond ? 'Bulwark containment plan' : 'Bulwark fix plan')} for account ${plan.account.id}${where}, data ${respond ? 'read' : 'collected'} ${plan.collectedAt}`, c.dim('Nothing has been changed.'), '');
  const index = new Map(plan.steps.map((s, i) => [s.key, i + 1]));
  for (const [i, step] of plan.steps.entries()) {
    lines.push(`${c.bold(`${String(i + 1).padStart(3)}. ${t(step.title)}`)} ${riskLabel(step.risk, c)}`);
    lines.push(`     ${respond ? 'for:   ' : 'fixes: '} ${step.findings.map((f) => describeSubject(f)).join('; ')}`);
    lines.push(`     before: ${t(step.before)}`, `     after:  ${t(step.after)}`);
    for (const [n, call] of step.calls.entries()) lines.push(`     ${n === 0 ? 'calls: ' : '       '} ${describeCall(call)}`);
    if (step.riskNote) lines.push(`     risk:   ${t(step.riskNote)}`);
    lines.push(step.undo?.length ? `     undo:   ${step.undo.map((u) => u.action).join(', ')}` : `     undo:   ${c.red(`irreversible: this step cannot be undone by bulwark ${respond ? 'respond' : 'fix'} --undo`)}`);
    if (step.dependsOn?.length) lines.push(`     after:  ${step.dependsOn.map((k) => (index.has(k) ? `step ${index.get(k)}` : `${t(k)} (not in this plan: the step will not run)`)).join(', ')}`);
    if (step.missingInputs?.length) lines.push(`     ${c.yellow(`needs ${step.missingInputs.join(', ')}: listed, not runnable until given`)}`);
    lines.push('');
  }
  if (plan.manual.length) {
    lines.push(c.bold(`To fix by hand (${plan.manual.length})`));
    // One block per check: its findings, then why not automatically and what to do, once.
    for (const group of groupBy(plan.manual, (m) => m.checkId).values()) {
      const first = group[0]!;
      lines.push(`  ${c.red('✗')} ${c.bold(first.checkId)}: ${t(first.title)}`);
      for (const m of group) lines.push(`      - ${t(m.message)}`);
      for (const reason of new Set(group.map((m) => m.reason).filter(Boolean))) lines.push(`      ${c.dim(`not automatic: ${t(reason!)}`)}`);
      for (const manual of new Set(group.map((m) => m.manual))) lines.push(`      ${c.cyan('how:')} ${t(manual)}`);
    }
    lines.push('');
  }
  lines.push(`${c.bold('Summary:')} ${planSummary(plan)}`);
  return `${lines.join('\n')}\n`;
}

/** `iam-user-access-keys-used (alice)`, or for a scope item `ec2-instance i-0abc (ap-southeast-2)`. */
function describeSubject(subject: StepSubject): string {
  const where = subject.resource.region === 'global' ? '' : `, ${subject.resource.region}`;
  if (isFinding(subject)) return `${subject.checkId} (${neutralise(subject.resource.name ?? subject.resource.id)}${where})`;
  return `${subject.scopeKind} ${neutralise(subject.resource.name ?? subject.resource.id)}${where ? ` (${subject.resource.region})` : ''}`;
}

export function planSummary(plan: Plan): string {
  if (plan.steps.length === 0 && plan.manual.length === 0) return plan.kind === 'bulwark-respond-plan' ? 'nothing to contain' : 'nothing to fix: no selected check fails';
  const count = (risk: FixRisk) => plan.steps.filter((s) => s.risk === risk).length;
  const blocked = plan.steps.filter((s) => s.missingInputs?.length).length;
  const irreversible = plan.steps.filter((s) => !s.undo?.length).length;
  const parts = [
    `${plural(plan.steps.length, 'step')} (${count('safe')} safe, ${count('may-disrupt')} may disrupt, ${count('costs-money')} cost money)`,
    ...(blocked ? [`${blocked} need inputs`] : []),
    ...(irreversible ? [`${irreversible} irreversible`] : []),
    `${plan.manual.length} to fix by hand`,
  ];
  return parts.join(' · ');
}

const OUTCOME_WORDS: Record<StepOutcome, string> = {
  applied: 'applied',
  failed: 'FAILED',
  'skipped-drift': 'skipped (drift)',
  'skipped-resolved': 'skipped (already fixed)',
  'skipped-dependency': 'skipped (dependency)',
  'not-runnable': 'not runnable',
  declined: 'declined',
  undone: 'undone',
};

export function renderResult(result: StepResult, c: Colors): string {
  const { outcome } = result;
  const words = OUTCOME_WORDS[outcome];
  const mark = outcome === 'applied' || outcome === 'undone' ? c.green(`✓ ${words}`) : outcome === 'failed' ? c.red(`✗ ${words}`) : c.yellow(`- ${words}`);
  return `  ${mark}  ${neutralise(result.step.title)}${result.reason ? c.dim(` — ${neutralise(result.reason)}`) : ''}\n`;
}

export function renderVerification(results: readonly Verified[], c: Colors, after: 'apply' | 'undo' = 'apply'): string {
  if (!results.length) return '';
  const lines = [c.bold(`Re-checked after ${after}`)];
  for (const r of results) {
    const mark = r.status === 'PASS' ? c.green('✓ PASS') : r.status === 'FAIL' ? c.red('✗ FAIL') : c.yellow(`? ${r.status}`);
    const note = r.status === 'FAIL' && after === 'apply' ? c.red(' (the step applied but the check still fails)') : '';
    lines.push(`  ${mark}  ${r.finding.checkId}  ${neutralise(r.message)}${note}`);
  }
  return `${lines.join('\n')}\n`;
}

export function outcomeCounts(results: readonly StepResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(OUTCOME_WORDS[r.outcome], (counts.get(OUTCOME_WORDS[r.outcome]) ?? 0) + 1);
  return [...counts].map(([words, n]) => `${n} ${words}`).join(' · ') || 'no step ran';
}

