import { defineCheck, fail, need, pass, unknown } from '../../core/check.js';
import { collected } from '../../core/fact.js';
import type { Inventory, Trail } from '../../inventory/schema.js';
import { firstMissed, MONITORED_EVENTS, type MonitoredEvent } from '../../logs/cis-events.js';
import { compilePattern, FilterPatternError } from '../../logs/filter-pattern.js';
import { alarmOnEvent, ALARM_ACTIONS } from '../../fixers/cloudwatch.js';

export default defineCheck({
  id: 'cloudwatch-unusual-calls-alarmed',
  title: 'Unusual API calls raise an alarm someone receives',
  service: 'cloudwatch',
  severity: 'medium',
  checklist: ['AS-43'],
  rationale:
    'A trail records an attack; only an alarm tells someone while it happens. The CIS benchmark names the calls worth waking up for: root use, sign-in without MFA, policy and trail changes, key deletion, network changes.',
  remediation: {
    text: 'Deliver a multi-region trail to CloudWatch Logs, and for each event create a metric filter on that log group and an alarm on its metric whose action is an SNS topic with a confirmed subscription.',
    cli: 'aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name <name> --metric-transformations metricName=<name>,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern \'<pattern>\'',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
  },
  needs: ['cloudtrail.trails', 'monitoring.metricFilters', 'monitoring.alarms'],
  resources: (inventory) => [{ region: 'global', items: collected(MONITORED_EVENTS.map((event) => ({ event, inventory }))) }],
  describe: ({ event }, { account }) => ({ id: `AWS::::Account:${account.id}/cis-monitoring/${event.id}`, type: 'AwsAccount', name: event.title }),
  evaluate({ event, inventory }) {
    const trails = need(inventory.cloudtrail.trails, 'cloudtrail:ListTrails');
    const candidates = trails.filter((t) => t.multiRegion && t.cloudWatchLogsLogGroupArn);
    const delivering = candidates.filter((t) => t.status.status === 'collected' && t.status.value.isLogging);
    if (delivering.length === 0) {
      const unread = candidates.filter((t) => t.status.status !== 'collected');
      if (unread.length) return unknown(`Whether anything alarms on ${event.title} is unknown: the status of trail ${unread.map((t) => t.name).join(', ')} could not be read`);
      return fail(`Nothing can alarm on ${event.title}: no multi-region, logging trail delivers to CloudWatch Logs`);
    }
    const notes: string[] = [];
    for (const trail of delivering) {
      const found = alarmedBy(event, trail, inventory, notes);
      if (found) return pass(`An alarm is raised on ${event.title}: ${found}`);
    }
    return fail(`No alarm is raised on ${event.title}: ${notes.join('; ')}`);
  },
  fix: {
    actions: ALARM_ACTIONS,
    plan: ({ event, inventory }, context) => alarmOnEvent(event, inventory.cloudtrail.trails, context),
    // The plan's own trail steps change the trails; what matters for drift is which event is alarmed.
    fingerprint: ({ event }) => event.id,
  },
});

/** The filter → alarm chain on the trail's log group that covers the event, or undefined (with why in `notes`). */
function alarmedBy(event: MonitoredEvent, trail: Trail, inventory: Inventory, notes: string[]): string | undefined {
  const [, , , region = '', , , group = ''] = (trail.cloudWatchLogsLogGroupArn ?? '').split(':');
  const filters = need(inventory.monitoring.metricFilters?.[region], 'logs:DescribeMetricFilters').filter((f) => f.logGroupName === group);
  if (filters.length === 0) notes.push(`log group ${group} of trail ${trail.name} has no metric filter`);
  for (const filter of filters) {
    let missed: string | undefined;
    try {
      missed = firstMissed(event, compilePattern(filter.pattern));
    } catch (error) {
      if (!(error instanceof FilterPatternError)) throw error;
      notes.push(`filter ${filter.name} is malformed (${error.message})`);
      continue;
    }
    if (missed) {
      notes.push(`filter ${filter.name} misses ${missed}`);
      continue;
    }
    const alarms = need(inventory.monitoring.alarms?.[region], 'cloudwatch:DescribeAlarms').filter((a) => filter.metrics.some((m) => m.name === a.metricName && m.namespace === a.namespace));
    const heard = alarms.find((a) => a.notifies);
    if (heard) return `filter ${filter.name} on ${group} feeds alarm ${heard.name}`;
    notes.push(alarms.length ? `alarm ${alarms.map((a) => a.name).join(', ')} on filter ${filter.name} reaches no confirmed subscriber` : `filter ${filter.name} covers it but no alarm watches its metric`);
  }
  return undefined;
}
