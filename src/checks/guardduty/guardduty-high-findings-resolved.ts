import { defineCheck, fail, need, notApplicable, pass } from '../../core/check.js';
import { describeRegion, regionStates } from '../../inventory/resources.js';

export default defineCheck({
  id: 'guardduty-high-findings-resolved',
  title: 'No high-severity GuardDuty finding is left open',
  service: 'guardduty',
  severity: 'critical',
  checklist: ['AS-44'],
  rationale: 'A high-severity GuardDuty finding is often the first sign the account is already compromised: it is only useful if someone acts on it.',
  remediation: {
    text: 'Investigate each finding (the GuardDuty console links the resources and API calls), contain what is compromised, then archive the finding with a note.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html',
  },
  needs: ['guardduty.regions'],
  resources: (inventory) => regionStates(inventory, inventory.guardduty.regions, 'guardduty:ListFindings'),
  describe: (_state, context) => describeRegion(context),
  evaluate(state, { region }) {
    if (!state.detectors.some((d) => d.status === 'ENABLED')) return notApplicable(`GuardDuty is not enabled in ${region} (see guardduty-detector-enabled)`);
    const { open, topTypes } = need(state.highSeverity, 'guardduty:ListFindings');
    if (open === 0) return pass(`No open high-severity GuardDuty finding in ${region}`);
    const count = open >= 1000 ? '1000 or more' : String(open);
    return fail(`${count} open high-severity GuardDuty finding${open === 1 ? '' : 's'} in ${region}, most often ${topTypes.join(', ')}`);
  },
});
