/**
 * Alerts: what a rule found, who did it, where and when, with the events as evidence. Matches of
 * one rule by one actor in one account and region fold into one alert (first and last time, every
 * eventID up to a cap, the first events in full), so a noisy rule cannot exhaust memory.
 */
import type { Severity } from '../core/severity.js';
import type { EventSpool } from './event-spool.js';
import { intern, OWN_KEYS } from './intern.js';
import { redactEvent } from './redact.js';
import { textOf, type Event } from './sigma/fields.js';
import type { Rule } from './sigma/rule.js';

export interface Actor {
  /** Principal ARN, or the user name / principal id when the record has no ARN (failed sign-ins). */
  readonly principal: string;
  readonly type?: string;
  readonly accessKeyId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** A correlation over events of different principals (password spraying): the ones they name, up to MAX_PRINCIPALS. */
  readonly principals?: readonly string[];
  /** More principals than MAX_PRINCIPALS took part. */
  readonly morePrincipals?: boolean;
}

export interface Alert {
  readonly ruleId: string;
  readonly title: string;
  readonly level: Severity;
  readonly kind: 'event' | 'correlation';
  readonly description?: string;
  readonly tags: readonly string[];
  readonly checklist: readonly string[];
  readonly falsepositives: readonly string[];
  readonly ruleFile: string;
  /** ISO times of the first and last matching event. */
  firstTime: string;
  lastTime: string;
  readonly account: string;
  readonly region: string;
  /** Who did it. A correlation's actor is what all its events share, and grows "several" as events join. */
  actor: Actor;
  /** Correlations: the group-by values the events share. */
  readonly group?: Readonly<Record<string, string>>;
  count: number;
  eventIds: string[];
  /** Matching events beyond the eventID cap, counted but not listed. */
  eventIdsOmitted: number;
  /** The first matching events, secrets redacted. */
  readonly events: Event[];
}

export const MAX_EVENT_IDS = 10_000;
export const MAX_EVENTS = 20;
export const MAX_PRINCIPALS = 100;

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
/** A text tens of thousands of alerts repeat (principal, agent, account, region): one copy of it. */
const shared = (v: unknown) => (typeof v === 'string' && v ? intern(v) : undefined);

export function actorOf(event: Event): Actor {
  const who = (event.userIdentity ?? {}) as Record<string, unknown>;
  const type = shared(who.type);
  const account = str(who.accountId) ?? str(event.recipientAccountId);
  // Failed sign-ins carry no ARN; the user name tried names the same user (unless AWS hid a mistyped one).
  const tried = type === 'IAMUser' && account && str(who.userName) && who.userName !== 'HIDDEN_DUE_TO_SECURITY_REASONS' ? `arn:aws:iam::${account}:user/${String(who.userName)}` : undefined;
  const principal = intern(str(who.arn) ?? (type === 'Root' && account ? `arn:aws:iam::${account}:root` : undefined) ?? tried ?? str(who.userName) ?? str(who.principalId) ?? str(who.invokedBy) ?? (type ?? 'unknown'));
  const accessKeyId = shared(who.accessKeyId);
  const sourceIp = shared(event.sourceIPAddress);
  const userAgent = shared(event.userAgent);
  return { principal, ...(type ? { type } : {}), ...(accessKeyId ? { accessKeyId } : {}), ...(sourceIp ? { sourceIp } : {}), ...(userAgent ? { userAgent } : {}) };
}

/**
 * The actor two sets of events have in common: a detail they differ in is left out, and
 * principals that differ become "several principals (N)", listed in `principals`. The attacker
 * behind a password spray is not the last user tried but the address and agent all tries share.
 */
export function mergeActors(a: Actor, b: Actor): Actor {
  if (a === b) return a;
  const names = new Set([...(a.principals ?? [a.principal]), ...(b.principals ?? [b.principal])]);
  const same = <K extends 'type' | 'accessKeyId' | 'sourceIp' | 'userAgent'>(k: K) => (a[k] !== undefined && a[k] === b[k] ? { [k]: a[k] } : {});
  const shared = { ...same('type'), ...same('accessKeyId'), ...same('sourceIp'), ...same('userAgent') };
  if (names.size === 1) return { principal: a.principal, ...shared };
  const more = names.size > MAX_PRINCIPALS || Boolean(a.morePrincipals) || Boolean(b.morePrincipals);
  const principals = [...names].slice(0, MAX_PRINCIPALS);
  return { principal: `several principals (${principals.length}${more ? '+' : ''})`, ...shared, principals, ...(more ? { morePrincipals: true } : {}) };
}

export function eventTime(event: Event): number {
  return typeof event.eventTime === 'string' ? Date.parse(event.eventTime) : NaN;
}

export function newAlert(rule: Rule, event: Event, group?: Record<string, string>, actor: Actor = actorOf(event)): Alert {
  const time = textOf(event.eventTime) ?? '';
  return {
    ruleId: rule.id,
    title: rule.title,
    level: rule.level,
    kind: rule.kind,
    ...(rule.description ? { description: rule.description } : {}),
    tags: rule.tags,
    checklist: rule.checklist,
    falsepositives: rule.falsepositives,
    ruleFile: rule.file,
    firstTime: time,
    lastTime: time,
    account: shared(event.recipientAccountId) ?? shared((event.userIdentity as Record<string, unknown> | undefined)?.accountId) ?? 'unknown',
    region: shared(event.awsRegion) ?? 'unknown',
    actor,
    ...(group ? { group } : {}),
    count: 0,
    eventIds: [],
    eventIdsOmitted: 0,
    events: [],
  };
}

/**
 * Events kept in full, redacted, across all alerts below `high` in one run (about 3 KiB each in
 * memory): past it, a noisy run's further events are listed by eventID only, so memory stays flat
 * however many alerts a corpus raises. High and critical alerts always keep theirs.
 */
export const MAX_KEPT_EVENTS = 20_000;

/**
 * Adds one matching event to an alert, kept in full when `keep` and the alert has room (in the
 * spool until the run ends, when there is one); says whether it was kept.
 */
export function addEvent(alert: Alert, event: Event, keep = true, spool?: EventSpool): boolean {
  alert.count += 1;
  const time = textOf(event.eventTime);
  if (time && (!alert.firstTime || time < alert.firstTime)) alert.firstTime = time;
  if (time && time > alert.lastTime) alert.lastTime = time;
  const id = str(event.eventID);
  if (id) {
    // Most alerts have one event, and the first push onto an empty array reserves 16 slots.
    if (!alert.eventIds.length) alert.eventIds = [id];
    else if (alert.eventIds.length < MAX_EVENT_IDS) alert.eventIds.push(id);
    else alert.eventIdsOmitted += 1;
  }
  if (!keep || alert.events.length >= MAX_EVENTS) return false;
  if (spool) spool.keep(alert.events, redactEvent(event));
  else alert.events.push(redactEvent(event));
  return true;
}

/** What actorOf, newAlert and addEvent read of an event besides keeping it in full. */
const ALERT_FIELDS = ['eventTime', 'eventID', 'recipientAccountId', 'awsRegion', 'sourceIPAddress', 'userAgent'] as const;
export const IDENTITY_FIELDS = ['type', 'accountId', 'userName', 'arn', 'principalId', 'invokedBy', 'accessKeyId'] as const;
/** The top-level fields alertFields reads (of userIdentity, IDENTITY_FIELDS). */
export const ALERT_TOP_FIELDS: readonly string[] = [...ALERT_FIELDS, 'userIdentity'];

/**
 * An event cut down to what an alert reads of it when it will not be kept in full (a tenth of the
 * memory): a correlation window holding thousands of matches for a day keeps these instead once
 * the run's budget of kept events is spent.
 */
export function alertFields(event: Event): Event {
  const out: Record<string, unknown> = {};
  for (const k of ALERT_FIELDS) if (event[k] !== undefined) out[k] = typeof event[k] === 'string' && !OWN_KEYS.has(k) ? intern(event[k]) : event[k];
  const who = event.userIdentity;
  if (who && typeof who === 'object') {
    const identity: Record<string, unknown> = {};
    for (const k of IDENTITY_FIELDS) {
      const v = (who as Record<string, unknown>)[k];
      if (v !== undefined) identity[k] = typeof v === 'string' ? intern(v) : v;
    }
    out.userIdentity = identity;
  } else if (who !== undefined) out.userIdentity = who;
  return out;
}
