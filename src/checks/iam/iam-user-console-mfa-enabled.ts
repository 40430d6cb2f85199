import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeUser, iamUsers } from '../../inventory/resources.js';
import type { ReportDate } from '../../inventory/schema.js';

export default defineCheck({
  id: 'iam-user-console-mfa-enabled',
  title: 'Console users have MFA',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-05'],
  rationale:
    'A console password can be phished, guessed or reused from another breach. MFA stops a stolen password from becoming a signed-in attacker.',
  remediation: {
    text: 'Have the user assign an MFA device (IAM console → Users → Security credentials → Assign MFA device), or remove the console password if the user does not need the console.',
    cli: 'aws iam delete-login-profile --user-name <user>   # only if the user needs no console access',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  needs: ['iam.credentialReport'],
  resources: iamUsers,
  describe: describeUser,
  evaluate(row) {
    if (row.passwordEnabled !== true) return notApplicable(`IAM user ${row.user} has no console password`);
    if (row.mfaActive) return pass(`IAM user ${row.user} signs in to the console with MFA`);
    return fail(`IAM user ${row.user} has a console password and no MFA device (${lastSignIn(row.passwordLastUsed)})`);
  },
  fix: { plan: () => [], actions: [], manual: 'The user assigns an MFA device (IAM console → Users → Security credentials → Assign MFA device); Bulwark cannot enrol a device on someone\'s behalf. If they need no console, remove the password (aws iam delete-login-profile).' },
});

function lastSignIn(date: ReportDate): string {
  if (date === null) return 'never signed in';
  if (date === 'no_information' || date === 'not_supported') return 'last sign-in unknown';
  return `last signed in ${date.slice(0, 10)}`;
}
