import { defineCheck, fail, pass, unknown } from '../../core/check.js';
import { describePrincipal, effectivePolicies, intendedAdmin, principals } from '../../inventory/iam-principals.js';
import { fullAdminGrant } from '../../policy/analysis.js';

export default defineCheck({
  id: 'iam-principal-no-full-admin',
  title: 'Only intended admin roles have full administrator rights',
  service: 'iam',
  severity: 'high',
  checklist: ['AS-11'],
  rationale:
    'Every identity with "*" on "*" is a way to take over the account: one leaked key, one phished password or one compromised workload is enough. Rights split by job keep a breach small and show where it came from.',
  remediation: {
    text: 'Give people and workloads only the services they use (AWS managed job-function policies are a start; IAM Access Analyzer can generate a policy from CloudTrail activity). Keep full admin on one or two roles that need MFA to assume, and name them in breakGlassRoles.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  needs: ['iam.authorization'],
  resources: principals,
  describe: describePrincipal,
  evaluate({ principal, auth }, { config }) {
    const label = `IAM ${principal.kind} ${principal.entity.name}`;
    const { policies, problems } = effectivePolicies(principal, auth);
    const grant = fullAdminGrant(policies);
    if (grant) {
      const intended = principal.kind === 'role' ? intendedAdmin(principal.entity, config.breakGlassRoles) : undefined;
      return intended ? pass(`${label} is a full administrator by design: ${intended}`) : fail(`${label} is a full administrator: ${grant}`);
    }
    if (problems.length) return unknown(`${label}: could not evaluate ${problems.join('; ')}`);
    return pass(`${label} is not a full administrator`);
  },
});
