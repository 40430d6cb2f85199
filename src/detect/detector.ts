/**
 * Turns rule matches into alerts. Matches of standalone event rules fold into alerts; matches of
 * rules that correlations use feed those correlations, whose firings become alerts in turn (and
 * feed the correlations that use them). Used on the main thread, whichever thread matched.
 */
import { severityRank } from '../core/severity.js';
import { actorOf, addEvent, alertFields, MAX_EVENTS, MAX_KEPT_EVENTS, mergeActors, newAlert, type Alert } from './alert.js';
import { Correlator, type Fired } from './correlate.js';
import { EventSpool } from './event-spool.js';
import { shareStrings } from './intern.js';
import type { Event } from './sigma/fields.js';
import type { CorrelationRule, RuleSet } from './sigma/rule.js';
import { slimShape, type SlimMatches } from './slim.js';

export class Detector {
  private readonly alerts = new Map<string, Alert>();
  private readonly correlators: (Correlator | undefined)[];
  /** For each rule: the correlations that take it as input (correlation index, input slot). */
  private readonly consumers: number[][];
  /** The alert each correlation group's current firing went into. */
  private readonly open = new Map<string, Alert>();
  private firings = 0;
  /** Events below high kept in full so far, and those not kept once MAX_KEPT_EVENTS was reached. */
  private kept = 0;
  eventsNotKept = 0;
  /** A number for each account, region and actor detail, so that the key an alert folds under is short. */
  private readonly partIds = new Map<string, number>();
  /** The kept events, out of the heap until finish. */
  private readonly spool = new EventSpool();

  constructor(private readonly set: RuleSet) {
    this.consumers = set.rules.map(() => []);
    set.rules.forEach((rule, i) => {
      if (rule.kind === 'correlation') for (const input of new Set(rule.inputs)) this.consumers[input]!.push(i);
    });
    this.correlators = set.rules.map((rule, i) => (rule.kind === 'correlation' ? new Correlator(i, rule, (fired, joined) => this.fired(fired, joined), shareStrings) : undefined));
  }

  /** Whether a rule's matches are needed at all (it alerts, or a correlation uses it). */
  wanted(rule: number): boolean {
    return this.set.rules[rule]!.standalone || this.consumers[rule]!.length > 0;
  }

  /**
   * Once the budget of events kept in full is spent: the rules whose matches from then on need no
   * more of an event than slimFields keeps (see slim.ts), and those fields. Undefined before.
   */
  slimMatches(): SlimMatches | undefined {
    if (this.kept < MAX_KEPT_EVENTS) return undefined;
    const rules = this.set.rules.flatMap((r, i) => (r.kind === 'event' && this.wanted(i) && (!r.standalone || severityRank(r.level) < ALWAYS_KEPT) && this.consumers[i]!.every((c) => this.slimmed(c)) ? [i] : []));
    const correlations = rules.flatMap((input) => this.consumers[input]!.map((c) => ({ rule: this.set.rules[c] as CorrelationRule, input })));
    return slimShape(rules, correlations);
  }

  /** One event that matched one rule. Matches should arrive roughly in time order (see Correlator). */
  match(rule: number, event: Event): void {
    const r = this.set.rules[rule]!;
    if (r.standalone) {
      const key = this.foldKey(rule, event);
      let alert = this.alerts.get(key);
      if (!alert) this.alerts.set(key, (alert = newAlert(r, event)));
      this.add(alert, event);
    }
    for (const c of this.consumers[rule]!) this.correlators[c]!.add(rule, event);
  }

  /** End of input: closes open correlation windows and returns every alert, worst and earliest first. */
  finish(): Alert[] {
    for (const c of this.correlators) c?.flush();
    this.spool.restore();
    return [...this.alerts.values()];
  }

  /** The key matches of an event rule fold under: the rule, account, region and actor. */
  private foldKey(rule: number, event: Event): string {
    const a = actorOf(event);
    const id = (v: unknown) => {
      if (typeof v !== 'string' || !v) return '';
      let n = this.partIds.get(v);
      if (n === undefined) this.partIds.set(v, (n = this.partIds.size));
      return n;
    };
    return [rule, id(event.recipientAccountId), id(event.awsRegion), id(a.principal), id(a.accessKeyId), id(a.sourceIp), id(a.userAgent)].join(' ');
  }

  private add(alert: Alert, event: Event): void {
    const budgeted = severityRank(alert.level) < ALWAYS_KEPT;
    const over = budgeted && this.kept >= MAX_KEPT_EVENTS;
    const room = alert.events.length < MAX_EVENTS;
    if (addEvent(alert, event, !over, this.spool)) {
      if (budgeted && ++this.kept === MAX_KEPT_EVENTS) this.budgetSpent();
    } else if (over && room) this.eventsNotKept++;
  }

  /**
   * No event below high is kept in full from now on, so the windows of correlations below high
   * whose firings feed no other correlation need only what an alert reads of their events.
   */
  private budgetSpent(): void {
    this.correlators.forEach((c, i) => {
      if (c && this.slimmed(i)) c.slim(alertFields);
    });
  }

  /** Whether a correlation keeps only alertFields of its events once the budget is spent. */
  private slimmed(correlation: number): boolean {
    return severityRank(this.set.rules[correlation]!.level) < ALWAYS_KEPT && !this.consumers[correlation]!.length;
  }

  private fired(fired: Fired, joined?: readonly Event[]): void {
    const rule = this.set.rules[fired.correlation]!;
    const groupKey = `${fired.correlation}\u0000${JSON.stringify(fired.group)}`;
    if (joined) {
      const alert = this.open.get(groupKey);
      if (alert) {
        for (const e of joined) {
          this.add(alert, e);
          alert.actor = mergeActors(alert.actor, actorOf(e));
        }
        omit(alert, fired.evidence.omitted);
      }
      return;
    }
    const { events, omitted } = fired.evidence;
    const last = events[events.length - 1];
    if (!last) return;
    if (rule.standalone) {
      const alert = newAlert(rule, last, fired.group, events.map(actorOf).reduce(mergeActors));
      for (const e of events) this.add(alert, e);
      omit(alert, omitted);
      this.alerts.set(`${groupKey}\u0000${this.firings++}`, alert);
      this.open.set(groupKey, alert);
    }
    // A chained correlation sees the firing as one match at the time it fired, carrying all its events.
    for (const c of this.consumers[fired.correlation]!) this.correlators[c]!.add(fired.correlation, last, fired.time, fired.evidence);
  }
}

/** Severity rank from which alerts keep their events whatever the budget. */
const ALWAYS_KEPT = severityRank('high');

/** Events a firing stood for beyond what it carried: counted, not listed. */
function omit(alert: Alert, omitted: number): void {
  alert.count += omitted;
  alert.eventIdsOmitted += omitted;
}
