import check from './cloudwatch-unusual-calls-alarmed.js';
import { testCheck, type ExpectedStep } from '../../testing/check-tester.js';
import { accessDenied, inventory, trail } from '../../testing/builders.js';
import { collected, type Fact } from '../../core/fact.js';
import type { Alarm, MetricFilter } from '../../inventory/schema.js';
import { MONITORED_EVENTS } from '../../logs/cis-events.js';

const GROUP = 'cloudtrail';
const filter = (name: string, pattern: string): MetricFilter => ({ name, logGroupName: GROUP, pattern, metrics: [{ namespace: 'CIS', name }] });
const alarm = (metric: string, notifies = true): Alarm => ({ name: `${metric}-alarm`, namespace: 'CIS', metricName: metric, notifies, actions: ['arn:aws:sns:us-east-1:123456789012:security'] });
const inv = (filters: MetricFilter[], alarms: Fact<Alarm[]> = collected([])) =>
  inventory({ regions: ['us-east-1'], cloudtrail: { trails: collected([trail('main')]) }, monitoring: { metricFilters: { 'us-east-1': collected(filters) }, alarms: { 'us-east-1': alarms } } });


const TOPIC = 'sns:create-alarm-topic:us-east-1:bulwark-security-alarms';
/** Without --alarm-email: the topic and one filter-and-alarm step per event, after any trail steps. */
const alarmSteps = (trailSteps: ExpectedStep[] = []): ExpectedStep[] => [
  ...trailSteps,
  { key: TOPIC, risk: 'safe', calls: ['sns:CreateTopic', 'sns:Subscribe'], missingInputs: ['--alarm-email'] },
  ...MONITORED_EVENTS.map((e) => ({
    key: `cloudwatch:alarm-on-event:us-east-1:${GROUP}:${e.id}`,
    risk: 'costs-money' as const,
    calls: ['logs:PutMetricFilter', 'cloudwatch:PutMetricAlarm'],
    missingInputs: ['--alarm-email'],
    dependsOn: [TOPIC, ...trailSteps.map((t) => t.key)],
    riskNote: /US\$0\.10 a month/,
  })),
];

const rootFilter = filter('root', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }');
const everything = filter('all', '{ $.eventVersion = * }');

testCheck(check, [
  {
    name: 'a filter written differently from the CIS text still covers root use',
    inventory: inv([rootFilter, everything], collected([alarm('root'), alarm('all')])),
    expect: MONITORED_EVENTS.map((e) => ['PASS', e.title, e.id === 'root-account-usage' ? /feeds alarm root-alarm/ : /feeds alarm all-alarm/] as const),
  },
  {
    name: 'CloudTrail changes without DeleteTrail fail and say so', plan: alarmSteps(),
    inventory: inv([filter('trail', '{ $.eventName = CreateTrail || $.eventName = UpdateTrail || $.eventName = StartLogging || $.eventName = StopLogging }')], collected([alarm('trail')])),
    expect: MONITORED_EVENTS.map((e) => ['FAIL', e.title, e.id === 'cloudtrail-changes' ? /filter trail misses DeleteTrail/ : /misses/] as const),
  },
  {
    name: 'an alarm nobody receives', plan: alarmSteps(),
    inventory: inv([everything], collected([alarm('all', false)])),
    expect: MONITORED_EVENTS.map((e) => ['FAIL', e.title, /alarm all-alarm on filter all reaches no confirmed subscriber/] as const),
  },
  {
    name: 'no trail delivers to CloudWatch Logs', plan: alarmSteps([{ key: 'cloudtrail:make-multi-region:arn:aws:cloudtrail:us-east-1:123456789012:trail/main', risk: 'safe', calls: ['cloudtrail:UpdateTrail'] }]),
    inventory: inventory({ cloudtrail: { trails: collected([trail('main', { multiRegion: false })]) } }),
    expect: MONITORED_EVENTS.map((e) => ['FAIL', e.title, /no multi-region, logging trail delivers to CloudWatch Logs/] as const),
  },
  {
    name: 'a streaming trail whose status is unreadable is not "no trail"',
    inventory: inventory({ cloudtrail: { trails: collected([trail('main', { status: accessDenied('cloudtrail:GetTrailStatus') })]) } }),
    expect: MONITORED_EVENTS.map((e) => ['UNKNOWN', e.title, /status of trail main could not be read/] as const),
  },
  {
    name: 'a malformed filter is named', plan: alarmSteps(),
    inventory: inv([filter('broken', '{ $.eventName = ')]),
    expect: MONITORED_EVENTS.map((e) => ['FAIL', e.title, /filter broken is malformed/] as const),
  },
  {
    name: 'alarms unreadable',
    inventory: inv([everything], accessDenied('cloudwatch:DescribeAlarms')),
    expect: MONITORED_EVENTS.map((e) => ['UNKNOWN', e.title, /grant cloudwatch:DescribeAlarms/] as const),
  },
]);
