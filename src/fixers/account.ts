/** Account-wide settings: the budget that catches a surprise bill, the security contact. */
import type { FixContext, FixStep } from '../core/fix-plan.js';
import type { Inventory } from '../inventory/schema.js';

export const BUDGET_NAME = 'bulwark-monthly-cost';
export const BUDGET_ACTIONS = ['budgets:ModifyBudget'];
export const SECURITY_CONTACT_ACTIONS = ['account:PutAlternateContact', 'account:DeleteAlternateContact'];

/** A monthly cost budget mailing `--alarm-email` at 80% actual and 100% forecast of `--budget-usd`. */
export function createBudget(billing: NonNullable<Inventory['accountSettings']['billing']>, context: FixContext): FixStep {
  const { budgetUsd, alarmEmail } = context.inputs;
  const subscribers = [{ SubscriptionType: 'EMAIL', Address: alarmEmail ?? '' }];
  const budgets = billing.status === 'collected' ? billing.value.budgets.length : undefined;
  const missingInputs = [...(budgetUsd === undefined ? ['--budget-usd'] : []), ...(alarmEmail ? [] : ['--alarm-email'])];
  return {
    key: `budgets:create-budget:${BUDGET_NAME}`,
    title: `Create the monthly cost budget ${BUDGET_NAME}${budgetUsd !== undefined ? ` of ${budgetUsd} USD` : ''}`,
    before: 'nothing alerts on the bill',
    after: `${alarmEmail ?? 'the alarm e-mail'} is mailed when actual cost passes 80% or forecast cost passes 100% of ${budgetUsd ?? 'the budget'} USD`,
    calls: [
      {
        action: 'budgets:ModifyBudget',
        sdk: 'Budgets.CreateBudget',
        region: 'global',
        input: {
          AccountId: context.account.id,
          Budget: { BudgetName: BUDGET_NAME, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: String(budgetUsd ?? 0), Unit: 'USD' } },
          NotificationsWithSubscribers: [
            { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: subscribers },
            { Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: subscribers },
          ],
        },
      },
    ],
    undo: [{ action: 'budgets:ModifyBudget', sdk: 'Budgets.DeleteBudget', region: 'global', input: { AccountId: context.account.id, BudgetName: BUDGET_NAME } }],
    ...(budgets !== undefined && budgets < 2
      ? { risk: 'safe' as const, riskNote: 'the first two budgets of an account are free' }
      : { risk: 'costs-money' as const, riskNote: 'costs money: budgets beyond the first two are billed at US$0.02 a day each' }),
    ...(missingInputs.length ? { missingInputs } : {}),
  };
}

/** The SECURITY alternate contact; undo removes it again (there was none, or the check would pass). */
export function setSecurityContact(context: FixContext): FixStep {
  const contact = context.inputs.securityContact;
  return {
    key: 'account:set-security-contact',
    title: 'Set the security alternate contact',
    before: 'no security contact: AWS writes to the root e-mail address',
    after: contact ? `${contact.name} <${contact.email}>, ${contact.phone}` : 'the contact given with --security-contact',
    calls: [
      {
        action: 'account:PutAlternateContact',
        region: 'global',
        input: { AlternateContactType: 'SECURITY', Name: contact?.name ?? '', EmailAddress: contact?.email ?? '', PhoneNumber: contact?.phone ?? '', Title: 'Security' },
      },
    ],
    undo: [{ action: 'account:DeleteAlternateContact', region: 'global', input: { AlternateContactType: 'SECURITY' } }],
    risk: 'safe',
    ...(contact ? {} : { missingInputs: ['--security-contact'] }),
  };
}
