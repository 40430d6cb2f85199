import { defineCheck, fail, need, pass } from '../../core/check.js';
import { attach, describeAccount, theAccount } from '../../inventory/resources.js';
import { setSecurityContact, SECURITY_CONTACT_ACTIONS } from '../../fixers/account.js';

export default defineCheck({
  id: 'account-security-contact-set',
  title: 'AWS knows whom to call about security',
  service: 'account',
  severity: 'medium',
  checklist: ['AS-46'],
  rationale: 'When AWS sees your keys on GitHub or your instances attacking others, it writes to the security contact. Without one the warning goes to a root mailbox nobody reads.',
  remediation: {
    text: 'Set the SECURITY alternate contact to a monitored team address (not a person who may leave).',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security team" --email-address security@example.com --phone-number +1-555-0100 --title Security',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  needs: ['accountSettings.securityContact'],
  resources: (inventory) => attach(theAccount(inventory), { contact: inventory.accountSettings.securityContact }),
  describe: ({ item }) => describeAccount(item),
  evaluate({ contact }) {
    const value = need(contact, 'account:GetAlternateContact');
    return value ? pass(`The security contact is ${value.name} <${value.email}>`) : fail('No security alternate contact is set');
  },
  fix: { actions: SECURITY_CONTACT_ACTIONS, plan: (_account, context) => [setSecurityContact(context)] },
});
