import { defineCheck, fail, manual, need, pass } from '../../core/check.js';
import { attach, describeAccount, theAccount } from '../../inventory/resources.js';

export default defineCheck({
  id: 'account-trusted-advisor-reviewed',
  title: 'Trusted Advisor security checks are all green',
  service: 'account',
  severity: 'medium',
  checklist: ['AS-47'],
  rationale: "Trusted Advisor runs AWS's own security checks on the account (exposed access keys, open ports, MFA on root, and more); a red or amber one is AWS telling you something.",
  remediation: {
    text: 'Open Trusted Advisor, review every security check that is not green, and fix or explain it. Without Business or Enterprise Support only the core checks are shown, in the console.',
    url: 'https://docs.aws.amazon.com/awssupport/latest/user/trusted-advisor.html',
  },
  needs: ['quotas.trustedAdvisor'],
  resources: (inventory) => attach(theAccount(inventory), { advisor: inventory.quotas.trustedAdvisor }),
  describe: ({ item }) => describeAccount(item),
  evaluate({ advisor }) {
    const flagged = need(advisor, 'support:DescribeTrustedAdvisorChecks');
    if (flagged === null) return manual('Ask: has someone reviewed the Trusted Advisor security checks in the console? (the API needs Business or Enterprise Support)');
    if (flagged.length === 0) return pass('Every Trusted Advisor security check is green');
    return fail(`Trusted Advisor flags ${flagged.map((c) => `${c.name} (${c.status}, ${c.flagged} resources)`).join('; ')}`);
  },
});
