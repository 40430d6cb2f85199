import type { AwsContext } from '../../aws/context.js';
import { globalCollector } from '../collector.js';

/** The SECURITY alternate contact: who AWS calls about a compromise. */
export const securityContact = globalCollector({
  key: 'accountSettings.securityContact',
  service: 'account',
  operations: ['GetAlternateContact'],
  collect: async (aws, region) => {
    const { AccountClient, GetAlternateContactCommand } = await import('@aws-sdk/client-account');
    try {
      const { AlternateContact } = await aws.client('account', region, AccountClient).send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
      return AlternateContact ? { name: AlternateContact.Name ?? '', email: AlternateContact.EmailAddress ?? '' } : null;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return null;
      throw error;
    }
  },
});

/** Billing alarms (CloudWatch, us-east-1 only) with their reach, and budgets with notifications. */
export const billing = globalCollector({
  key: 'accountSettings.billing',
  service: 'cloudwatch',
  operations: ['DescribeAlarms', 'sns:ListSubscriptionsByTopic', 'budgets:DescribeBudgets', 'budgets:DescribeNotificationsForBudget'],
  collect: async (aws, _region, account) => collectBilling(aws, account.id),
});

async function collectBilling(aws: AwsContext, accountId: string) {
  const cw = await import('@aws-sdk/client-cloudwatch');
  const sns = await import('@aws-sdk/client-sns');
  const budgetsSdk = await import('@aws-sdk/client-budgets');
  // Billing metrics exist only in us-east-1, whatever the home region.
  const cloudwatch = aws.client('cloudwatch', 'us-east-1', cw.CloudWatchClient);
  const alarms: { name: string; threshold?: number; actions: string[] }[] = [];
  for await (const page of cw.paginateDescribeAlarms({ client: cloudwatch, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] })) {
    for (const a of page.MetricAlarms ?? []) {
      if (a.Namespace === 'AWS/Billing' && a.MetricName === 'EstimatedCharges') {
        alarms.push({ name: a.AlarmName ?? '', ...(a.Threshold !== undefined ? { threshold: a.Threshold } : {}), actions: a.AlarmActions ?? [] });
      }
    }
  }
  const topicConfirmed = new Map<string, Promise<boolean>>();
  const confirmed = (topicArn: string) => {
    if (!topicConfirmed.has(topicArn)) {
      const client = aws.client('sns', topicArn.split(':')[3] ?? 'us-east-1', sns.SNSClient);
      topicConfirmed.set(
        topicArn,
        client.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: topicArn })).then((r) => (r.Subscriptions ?? []).some((s) => s.SubscriptionArn && s.SubscriptionArn !== 'PendingConfirmation')),
      );
    }
    return topicConfirmed.get(topicArn)!;
  };
  const withReach = await Promise.all(
    alarms.map(async (a) => ({
      name: a.name,
      ...(a.threshold !== undefined ? { threshold: a.threshold } : {}),
      notifies: (await Promise.all(a.actions.filter((arn) => arn.startsWith('arn:') && arn.includes(':sns:')).map(confirmed))).some(Boolean),
    })),
  );
  const budgetsClient = aws.client('budgets', 'us-east-1', budgetsSdk.BudgetsClient);
  const names: string[] = [];
  for await (const page of budgetsSdk.paginateDescribeBudgets({ client: budgetsClient, pageSize: 100 }, { AccountId: accountId })) names.push(...(page.Budgets ?? []).map((b) => b.BudgetName ?? ''));
  // A notification cannot exist without a subscriber (deleting the last one deletes it).
  const budgets = await Promise.all(
    names.map(async (name) => ({ name, notifies: ((await budgetsClient.send(new budgetsSdk.DescribeNotificationsForBudgetCommand({ AccountId: accountId, BudgetName: name }))).Notifications ?? []).length > 0 })),
  );
  return { alarms: withReach, budgets };
}
