import type { AwsContext } from '../../aws/context.js';
import { globalCollector, orWhenAbsent } from '../collector.js';
import { collectAlarms } from './alarms.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** The SECURITY alternate contact: who AWS calls about a compromise. */
export const securityContact = globalCollector({
  key: 'accountSettings.securityContact',
  service: 'account',
  operations: ['GetAlternateContact'],
  collect: async (aws, region) => {
    const { AccountClient, GetAlternateContactCommand } = awsSdk('account');
    const client = aws.client('account', region, AccountClient);
    const response = await orWhenAbsent(() => client.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })), ['ResourceNotFoundException'], undefined);
    const contact = response?.AlternateContact;
    return contact ? { name: contact.Name ?? '', email: contact.EmailAddress ?? '' } : null;
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
  const budgetsSdk = awsSdk('budgets');
  // Billing metrics exist only in us-east-1, whatever the home region.
  const billingAlarms = await collectAlarms(aws, 'us-east-1', (a) => a.namespace === 'AWS/Billing' && a.metricName === 'EstimatedCharges');
  const budgetsClient = aws.client('budgets', 'us-east-1', budgetsSdk.BudgetsClient);
  const names: string[] = [];
  for await (const page of budgetsSdk.paginateDescribeBudgets({ client: budgetsClient, pageSize: 100 }, { AccountId: accountId })) names.push(...(page.Budgets ?? []).map((b) => b.BudgetName ?? ''));
  // A notification cannot exist without a subscriber (deleting the last one deletes it).
  const budgets = await Promise.all(
    names.map(async (name) => ({ name, notifies: ((await budgetsClient.send(new budgetsSdk.DescribeNotificationsForBudgetCommand({ AccountId: accountId, BudgetName: name }))).Notifications ?? []).length > 0 })),
  );
  return { alarms: billingAlarms.map((a) => ({ name: a.name, notifies: a.notifies })), budgets };
}
