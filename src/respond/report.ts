/**
 * What `bulwark respond` produces: the scope, the containment plan when asked for, what apply or
 * undo did, and the recover checklist. One typed value every reporter renders and `--format json` saves.
 */
import type { StepResult } from '../plan/apply.js';
import type { StepOutcome } from '../plan/schema.js';
import { VERSION } from '../version.js';
import type { ContainmentPlan } from './contain.js';
import type { RecoverItem } from './recover.js';
import type { Scope } from './scope.js';

export interface ContainedStep {
  readonly key: string;
  readonly title: string;
  readonly outcome: StepOutcome;
  readonly reason?: string;
  /** When the step ended (its journal line). */
  readonly time: string;
}

export interface RespondReport {
  readonly kind: 'bulwark-respond-report';
  readonly generator: { readonly name: 'bulwark'; readonly version: string };
  readonly generatedAt: string;
  readonly scope: Scope;
  readonly plan?: ContainmentPlan;
  readonly outcome?: { readonly operation: 'apply' | 'undo'; readonly journal: string; readonly steps: readonly ContainedStep[] };
  readonly recover: readonly RecoverItem[];
  /** Anything made since the start, or an alert on the suspect's events: exit code 1. */
  readonly suspicious: boolean;
}

export function isSuspicious(scope: Scope): boolean {
  return scope.items.length > 0 || scope.activity.alerts.length > 0;
}

export function containedStep(result: StepResult, time: string): ContainedStep {
  return { key: result.step.key, title: result.step.title, outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}), time };
}

export function respondReport(parts: { scope: Scope; plan?: ContainmentPlan; outcome?: RespondReport['outcome']; recover: readonly RecoverItem[]; now: Date }): RespondReport {
  return {
    kind: 'bulwark-respond-report',
    generator: { name: 'bulwark', version: VERSION },
    generatedAt: parts.now.toISOString(),
    scope: parts.scope,
    ...(parts.plan ? { plan: parts.plan } : {}),
    ...(parts.outcome ? { outcome: parts.outcome } : {}),
    recover: parts.recover,
    suspicious: isSuspicious(parts.scope),
  };
}

/** An alert as `detect --format json` writes it, read defensively (it came through a file or another reader). */
export interface AlertView {
  readonly level: string;
  readonly title: string;
  readonly firstTime: string;
  readonly count: number;
  readonly principal: string;
}

export function alertView(alert: Record<string, unknown>): AlertView {
  const actor = (alert.actor ?? {}) as Record<string, unknown>;
  return {
    level: typeof alert.level === 'string' ? alert.level : 'info',
    title: typeof alert.title === 'string' ? alert.title : typeof alert.ruleId === 'string' ? alert.ruleId : 'alert',
    firstTime: typeof alert.firstTime === 'string' ? alert.firstTime : '',
    count: typeof alert.count === 'number' ? alert.count : 1,
    principal: typeof actor.principal === 'string' ? actor.principal : '',
  };
}

/** One row of the incident timeline: a suspect's call, a thing made, or a containment step. */
export interface TimelineRow {
  readonly time: string;
  readonly kind: 'event' | 'created' | 'contained';
  readonly what: string;
  readonly where: string;
  readonly who: string;
  readonly note: string;
}

const text = (...values: unknown[]) => String(values.find((v) => typeof v === 'string') ?? '');

export function timeline(report: RespondReport, events: readonly Record<string, unknown>[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const e of events) {
    const who = (e.userIdentity ?? {}) as Record<string, unknown>;
    const error = typeof e.errorCode === 'string' ? e.errorCode : typeof e.errorMessage === 'string' ? e.errorMessage : '';
    rows.push({
      time: text(e.eventTime),
      kind: 'event',
      what: `${text(e.eventSource).replace(/\.amazonaws\.com$/, '')}:${text(e.eventName)}`,
      where: text(e.awsRegion),
      who: text(who.arn, who.userName, who.principalId),
      note: [typeof e.sourceIPAddress === 'string' ? `from ${e.sourceIPAddress}` : '', error ? `error ${error}` : ''].filter(Boolean).join(', '),
    });
  }
  for (const item of report.scope.items) rows.push({ time: item.createdAt, kind: 'created', what: `${item.kind} ${item.id}`, where: item.region, who: item.createdBy ?? '', note: item.notes.join('; ') });
  for (const step of report.outcome?.steps ?? []) rows.push({ time: step.time, kind: 'contained', what: step.title, where: '', who: '', note: `${step.outcome}${step.reason ? `: ${step.reason}` : ''}` });
  return rows.sort((a, b) => a.time.localeCompare(b.time));
}
