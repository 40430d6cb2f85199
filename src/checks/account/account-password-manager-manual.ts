import { defineCheck, manual } from '../../core/check.js';
import { describeAccount, theAccount } from '../../inventory/resources.js';

export default defineCheck({
  id: 'account-password-manager-manual',
  title: 'Passwords live in a password manager',
  service: 'account',
  severity: 'medium',
  checklist: ['AS-M2'],
  rationale: 'Reused and memorable passwords fall to credential stuffing; whether people use a password manager is invisible to AWS.',
  remediation: {
    text: 'Give everyone with console access a password manager and have it generate every AWS password; never share passwords in chat or documents.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  },
  needs: [],
  resources: theAccount,
  describe: describeAccount,
  evaluate: () => manual('Ask: do the root user and every console user keep their AWS password in a password manager, generated and unique?'),
});
