/** Metric filters and alarms per region: what CloudWatch would alarm on, and whether anyone hears it. */
import type { AwsContext } from '../../aws/context.js';
import type { Alarm, MetricFilter } from '../../inventory/schema.js';
import { regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const metricFilters = regionalCollector({
  key: 'monitoring.metricFilters',
  service: 'logs',
  operations: ['DescribeMetricFilters'],
  collect: async (aws, region): Promise<MetricFilter[]> => {
    const { CloudWatchLogsClient, paginateDescribeMetricFilters } = awsSdk('logs');
    const client = aws.client('logs', region, CloudWatchLogsClient);
    const filters: MetricFilter[] = [];
    for await (const page of paginateDescribeMetricFilters({ client, pageSize: 50 }, {})) {
      for (const f of page.metricFilters ?? []) {
        filters.push({
          name: f.filterName ?? '',
          logGroupName: f.logGroupName ?? '',
          pattern: f.filterPattern ?? '',
          metrics: (f.metricTransformations ?? []).map((m) => ({ namespace: m.metricNamespace ?? '', name: m.metricName ?? '' })),
        });
      }
    }
    return filters;
  },
});

export const alarms = regionalCollector({
  key: 'monitoring.alarms',
  service: 'cloudwatch',
  operations: ['DescribeAlarms', 'sns:ListSubscriptionsByTopic'],
  collect: (aws, region) => collectAlarms(aws, region),
});

/** Metric alarms with `notifies`: an SNS action whose topic has a confirmed subscription (topics looked up once). */
export async function collectAlarms(aws: AwsContext, region: string, filter: (alarm: { namespace?: string | undefined; metricName?: string | undefined }) => boolean = () => true): Promise<Alarm[]> {
  const cw = awsSdk('cloudwatch');
  const sns = awsSdk('sns');
  const found: Omit<Alarm, 'notifies'>[] = [];
  for await (const page of cw.paginateDescribeAlarms({ client: aws.client('cloudwatch', region, cw.CloudWatchClient), pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] })) {
    for (const a of page.MetricAlarms ?? []) {
      const alarm = { name: a.AlarmName ?? '', ...(a.Namespace ? { namespace: a.Namespace } : {}), ...(a.MetricName ? { metricName: a.MetricName } : {}), actions: a.AlarmActions ?? [] };
      if (filter(alarm)) found.push(alarm);
    }
  }
  const topics = new Map<string, Promise<boolean>>();
  const confirmed = (topicArn: string) => {
    let result = topics.get(topicArn);
    if (!result) {
      const client = aws.client('sns', topicArn.split(':')[3] ?? region, sns.SNSClient);
      result = client.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: topicArn })).then((r) => (r.Subscriptions ?? []).some((s) => Boolean(s.SubscriptionArn) && s.SubscriptionArn !== 'PendingConfirmation'));
      topics.set(topicArn, result);
    }
    return result;
  };
  return Promise.all(found.map(async (a) => ({ ...a, notifies: (await Promise.all(a.actions.filter((arn) => arn.includes(':sns:')).map(confirmed))).some(Boolean) })));
}
