import check from './account-billing-alert-set.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const billing = (alarms: { name: string; notifies: boolean; threshold?: number }[], budgets: { name: string; notifies: boolean }[]) => inventory({ accountSettings: { billing: collected({ alarms, budgets }) } });

testCheck(check, [
  { name: 'an alarm with a confirmed subscriber', inventory: billing([{ name: 'bill-over-100', threshold: 100, notifies: true }], []), expect: [['PASS', '123456789012', /bill-over-100 \(at 100 USD\)/]] },
  { name: 'a budget with a notification', inventory: billing([], [{ name: 'monthly', notifies: true }]), expect: [['PASS', '123456789012', /Budget monthly/]] },
  { name: 'an alarm nobody receives and a silent budget', plan: [{ key: 'budgets:create-budget:bulwark-monthly-cost', risk: 'safe', calls: ['budgets:ModifyBudget'], missingInputs: ['--budget-usd', '--alarm-email'] }], inventory: billing([{ name: 'bill', notifies: false }], [{ name: 'monthly', notifies: false }]), expect: [['FAIL', '123456789012', /alarm bill reaches no confirmed subscriber; budget monthly has no notification/]] },
  { name: 'nothing at all', plan: [{ key: 'budgets:create-budget:bulwark-monthly-cost', risk: 'safe', calls: ['budgets:ModifyBudget'], missingInputs: ['--budget-usd', '--alarm-email'] }], inventory: billing([], []), expect: [['FAIL', '123456789012', /no billing alarm and no budget/]] },
  { name: 'denied', inventory: inventory({ accountSettings: { billing: accessDenied('cloudwatch:DescribeAlarms') } }), expect: [['UNKNOWN', '123456789012']] },
]);
