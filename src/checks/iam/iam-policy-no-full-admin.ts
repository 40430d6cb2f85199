import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { ownPolicies } from '../../inventory/iam-principals.js';
import { fullAdminGrant } from '../../policy/analysis.js';
import { isPolicy, parsePolicy } from '../../policy/document.js';

export default defineCheck({
  id: 'iam-policy-no-full-admin',
  title: 'Policies the account writes do not grant full administrator rights',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-11'],
  rationale:
    'A home-made "*" on "*" policy hides admin rights under a harmless name, where reviews of AdministratorAccess miss it; attached to anything, it is a full account takeover waiting for one leaked credential.',
  remediation: {
    text: 'Replace the statement with the services and actions actually needed (IAM Access Analyzer policy generation helps), or detach and delete the policy.',
    cli: 'aws iam list-entities-for-policy --policy-arn <policy-arn>',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
  },
  needs: ['iam.authorization'],
  resources: ownPolicies,
  describe: (policy) => ({ id: policy.id, type: 'AwsIamPolicy', name: policy.label }),
  evaluate(policy) {
    if (policy.document === undefined) return unknown(`The document of ${policy.label} was not returned by IAM`);
    const parsed = parsePolicy(policy.label, policy.document);
    if (!isPolicy(parsed)) return unknown(`The document of ${policy.label} is malformed: ${parsed.error}`);
    const grant = fullAdminGrant([parsed]);
    if (!grant) return pass(`${policy.label} does not grant full administrator rights`);
    const unattached = policy.attachmentCount === 0 ? ' (attached to nothing yet)' : '';
    return fail(`${grant}${unattached}`);
  },
});
