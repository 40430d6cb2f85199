/**
 * Alarms on the CIS monitoring events: one SNS topic subscribed to `--alarm-email`, and per event a
 * metric filter on the trail's log group with an alarm on its metric. When no logging multi-region
 * trail delivers to CloudWatch Logs yet, the trail steps come first (shared with the trail checks).
 */
import { need } from '../core/check.js';
import type { FixCall, FixContext, FixStep } from '../core/fix-plan.js';
import type { Fact } from '../core/fact.js';
import type { Trail } from '../inventory/schema.js';
import type { MonitoredEvent } from '../logs/cis-events.js';
import { accountTrail, createTrail, deliverToLogs, makeMultiRegion, startLogging, TRAIL_ACTIONS, TRAIL_LOG_GROUP } from './cloudtrail.js';

export const ALARM_TOPIC = 'bulwark-security-alarms';
export const ALARM_NAMESPACE = 'Bulwark/CIS';

export const ALARM_ACTIONS = [...TRAIL_ACTIONS, 'sns:CreateTopic', 'sns:Subscribe', 'sns:DeleteTopic', 'logs:PutMetricFilter', 'logs:DeleteMetricFilter', 'cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms'];

const HAND_WRITTEN: Record<string, string> = {
  'unauthorized-api-calls': '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  'console-login-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  'root-account-usage': '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != "AwsServiceEvent") }',
  'console-login-failures': '{ ($.eventName = "ConsoleLogin") && ($.errorMessage = "Failed authentication") }',
};

/** The filter pattern for an event: hand-written for sign-in and error events, else its sources and event names. */
export function filterPattern(event: MonitoredEvent): string {
  const written = HAND_WRITTEN[event.id];
  if (written) return written;
  const bySource = new Map<string, string[]>();
  for (const record of Object.values(event.events) as { eventSource: string; eventName: string }[]) {
    bySource.set(record.eventSource, [...(bySource.get(record.eventSource) ?? []), record.eventName]);
  }
  const parts = [...bySource].map(([source, names]) => `(($.eventSource = "${source}") && (${names.map((n) => `($.eventName = "${n}")`).join(' || ')}))`);
  return `{ ${parts.join(' || ')} }`;
}

interface Target {
  readonly region: string;
  readonly logGroup: string;
  /** Trail steps that must run first. */
  readonly prerequisites: readonly FixStep[];
}

/** Where the alarms go: the log group of a logging multi-region trail, or the one the trail steps will give it. */
function target(trails: readonly Trail[], context: FixContext): Target {
  const logging = (t: Trail) => t.status.status === 'collected' && t.status.value.isLogging;
  const delivering = trails.find((t) => t.multiRegion && t.cloudWatchLogsLogGroupArn && logging(t));
  if (delivering?.cloudWatchLogsLogGroupArn) {
    const [, , , region = '', , , logGroup = ''] = delivering.cloudWatchLogsLogGroupArn.split(':');
    return { region, logGroup, prerequisites: [] };
  }
  const trail = accountTrail(trails, context.homeRegion, context);
  if (!trail) return { region: context.homeRegion, logGroup: TRAIL_LOG_GROUP, prerequisites: createTrail(context) };
  const [, , , arnRegion, , , existingGroup] = trail.cloudWatchLogsLogGroupArn?.split(':') ?? [];
  return {
    region: arnRegion ?? trail.homeRegion,
    logGroup: existingGroup ?? TRAIL_LOG_GROUP,
    prerequisites: [
      ...(trail.multiRegion ? [] : [makeMultiRegion(trail, context)]),
      ...(logging(trail) ? [] : [startLogging(trail, context)]),
      ...(trail.cloudWatchLogsLogGroupArn ? [] : deliverToLogs(trail, context)),
    ],
  };
}

const missing = ({ inputs }: FixContext) => (inputs.alarmEmail ? {} : { missingInputs: ['--alarm-email'] });

function topicStep(region: string, context: FixContext): FixStep {
  const topicArn = `arn:${context.account.partition}:sns:${region}:${context.account.id}:${ALARM_TOPIC}`;
  const email = context.inputs.alarmEmail;
  return {
    key: `sns:create-alarm-topic:${region}:${ALARM_TOPIC}`,
    title: `Create the SNS topic ${ALARM_TOPIC} in ${region}${email ? ` and subscribe ${email}` : ''}`,
    before: 'no topic for security alarms',
    after: `topic ${ALARM_TOPIC} with an e-mail subscription${email ? ` to ${email}` : ''}, pending until the link in the confirmation e-mail is followed`,
    calls: [
      { action: 'sns:CreateTopic', input: { Name: ALARM_TOPIC }, region },
      { action: 'sns:Subscribe', input: { TopicArn: topicArn, Protocol: 'email', Endpoint: email ?? '' }, region },
    ],
    undo: [{ action: 'sns:DeleteTopic', input: { TopicArn: topicArn }, region }],
    risk: 'safe',
    riskNote: 'alarms count as heard only after the subscription is confirmed from the e-mail',
    ...missing(context),
  };
}

/** The topic, the trail prerequisites, and the filter and alarm for one event. */
export function alarmOnEvent(event: MonitoredEvent, trails: Fact<readonly Trail[]> | undefined, context: FixContext): FixStep[] {
  const where = target(need(trails, 'cloudtrail:ListTrails'), context);
  const topic = topicStep(where.region, context);
  const name = `bulwark-${event.id}`;
  const region = where.region;
  const filter: FixCall = {
    action: 'logs:PutMetricFilter',
    input: { logGroupName: where.logGroup, filterName: name, filterPattern: filterPattern(event), metricTransformations: [{ metricName: name, metricNamespace: ALARM_NAMESPACE, metricValue: '1' }] },
    region,
  };
  const alarm: FixCall = {
    action: 'cloudwatch:PutMetricAlarm',
    input: {
      AlarmName: name,
      AlarmDescription: `Bulwark: ${event.title} in CloudTrail (CIS monitoring)`,
      MetricName: name,
      Namespace: ALARM_NAMESPACE,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [`arn:${context.account.partition}:sns:${region}:${context.account.id}:${ALARM_TOPIC}`],
    },
    region,
  };
  return [
    ...where.prerequisites,
    topic,
    {
      key: `cloudwatch:alarm-on-event:${region}:${where.logGroup}:${event.id}`,
      title: `Alarm on ${event.title}`,
      before: `nothing alarms on ${event.title}`,
      after: `metric filter ${name} on ${where.logGroup} feeds alarm ${name}, which notifies ${ALARM_TOPIC}`,
      calls: [filter, alarm],
      undo: [
        { action: 'cloudwatch:DeleteAlarms', input: { AlarmNames: [name] }, region },
        { action: 'logs:DeleteMetricFilter', input: { logGroupName: where.logGroup, filterName: name }, region },
      ],
      risk: 'costs-money',
      riskNote: 'costs money: CloudWatch bills the alarm (US$0.10 a month) and the filter\'s custom metric (US$0.30 a month) in us-east-1 prices',
      dependsOn: [topic.key, ...where.prerequisites.filter((s) => s.key.startsWith('cloudtrail:')).map((s) => s.key)],
      ...missing(context),
    },
  ];
}
