import { defineCheck, fail, need, pass } from '../../core/check.js';
import { attach, describeAccount, theAccount } from '../../inventory/resources.js';
import { createBudget, BUDGET_ACTIONS } from '../../fixers/account.js';

export default defineCheck({
  id: 'account-billing-alert-set',
  title: 'A surprise bill raises an alert',
  service: 'account',
  severity: 'medium',
  checklist: ['AS-45'],
  rationale: 'The first sign of stolen credentials is often the bill: crypto miners in every region cost thousands a day. A billing alarm or budget alert turns a month-end shock into a same-day warning.',
  remediation: {
    text: 'Create an AWS Budget with an e-mail notification at, say, 80% of the usual monthly spend, or a CloudWatch alarm on AWS/Billing EstimatedCharges in us-east-1 whose SNS topic has a confirmed subscriber.',
    url: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create.html',
  },
  needs: ['accountSettings.billing'],
  resources: (inventory) => attach(theAccount(inventory), { billing: inventory.accountSettings.billing }),
  describe: ({ item }) => describeAccount(item),
  evaluate({ billing }) {
    const { alarms, budgets } = need(billing, 'cloudwatch:DescribeAlarms');
    const alarm = alarms.find((a) => a.notifies);
    if (alarm) return pass(`Billing alarm ${alarm.name}${alarm.threshold !== undefined ? ` (at ${alarm.threshold} USD)` : ''} notifies a confirmed subscriber`);
    const budget = budgets.find((b) => b.notifies);
    if (budget) return pass(`Budget ${budget.name} sends notifications`);
    const silent = [...alarms.map((a) => `alarm ${a.name} reaches no confirmed subscriber`), ...budgets.map((b) => `budget ${b.name} has no notification`)];
    return fail(`Nothing alerts on the bill${silent.length ? `: ${silent.join('; ')}` : ': no billing alarm and no budget'}`);
  },
  fix: { actions: BUDGET_ACTIONS, plan: ({ billing }, context) => (billing ? [createBudget(billing, context)] : []) },
});
