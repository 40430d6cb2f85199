import { defineCheck, fail, need, pass } from '../../core/check.js';
import { describeRegion, regionStates } from '../../inventory/resources.js';
import { enableSecurityHub, SECURITY_HUB_ACTIONS } from '../../fixers/guard-rails.js';

export default defineCheck({
  id: 'securityhub-hub-enabled',
  title: 'Security Hub collects findings in every region',
  service: 'securityhub',
  severity: 'low',
  checklist: ['AS-44'],
  rationale: "Security Hub gathers GuardDuty, Inspector, Macie and Config findings in one place and scores the account against standards, so problems are seen rather than scattered.",
  remediation: {
    text: "Enable Security Hub in every region (with a delegated administrator in an organisation) and turn on the AWS Foundational Security Best Practices standard.",
    url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
  },
  needs: ['guardRails.regions'],
  resources: (inventory) => regionStates(inventory, inventory.guardRails.regions, 'securityhub:DescribeHub'),
  describe: (_state, context) => describeRegion(context),
  evaluate: (state, { region }) => (need(state.securityHub, 'securityhub:DescribeHub') ? pass('Security Hub is on in ' + region) : fail('Security Hub is off in ' + region)),
  fix: { actions: SECURITY_HUB_ACTIONS, plan: (_state, { region }) => [enableSecurityHub(region)], fingerprint: (state) => state.securityHub },
});
