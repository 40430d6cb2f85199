/**
 * The suspect's events as the scope shows them: counted by service and action (with failures and
 * regions), their first and last time, and the alerts the built-in detect rules raise on them,
 * as `detect --format json` writes alerts.
 */
import { BUILT_IN_RULES, detectEvents, loadRules, readRuleSources } from '../../detect/engine.js';
import { byPriority } from '../../detect/report.js';
import type { CloudTrailRecord } from '../../logs/records.js';
import type { Activity } from '../scope.js';

export function summarise(records: readonly CloudTrailRecord[]): Pick<Activity, 'events' | 'firstTime' | 'lastTime' | 'byAction'> {
  const actions = new Map<string, { service: string; action: string; count: number; errors: number; regions: Set<string> }>();
  let first = Infinity;
  let last = -Infinity;
  for (const r of records) {
    const service = String(r.eventSource).replace(/\.amazonaws\.com$/, '');
    const action = String(r.eventName);
    const key = `${service}\u0000${action}`;
    let entry = actions.get(key);
    if (!entry) actions.set(key, (entry = { service, action, count: 0, errors: 0, regions: new Set() }));
    entry.count++;
    if (r.errorCode) entry.errors++;
    if (typeof r.awsRegion === 'string') entry.regions.add(r.awsRegion);
    const t = Date.parse(r.eventTime as string);
    first = Math.min(first, t);
    last = Math.max(last, t);
  }
  const byAction = [...actions.values()]
    .sort((a, b) => b.count - a.count || a.service.localeCompare(b.service) || a.action.localeCompare(b.action))
    .map((a) => ({ service: a.service, action: a.action, count: a.count, errors: a.errors, regions: [...a.regions].sort() }));
  return { events: records.length, ...(records.length ? { firstTime: new Date(first).toISOString(), lastTime: new Date(last).toISOString() } : {}), byAction };
}

/** The built-in rules over the suspect's events, on this thread (a suspect's events are few). */
export async function alertsFor(records: readonly CloudTrailRecord[]): Promise<Record<string, unknown>[]> {
  if (!records.length) return [];
  const set = loadRules(await readRuleSources([BUILT_IN_RULES]));
  return detectEvents(set, records)
    .sort(byPriority)
    .map((alert) => JSON.parse(JSON.stringify(alert)) as Record<string, unknown>);
}
