import { defineCheck, fail, pass } from '../../core/check.js';
import { describeRegion, regionStates } from '../../inventory/resources.js';
import { enableGuardDuty, GUARDDUTY_ACTIONS } from '../../fixers/guard-rails.js';

export default defineCheck({
  id: 'guardduty-detector-enabled',
  title: 'GuardDuty watches every enabled region',
  service: 'guardduty',
  severity: 'high',
  checklist: ['AS-44'],
  rationale:
    'GuardDuty notices what people miss: crypto-mining instances, credentials used from unusual places, calls from known attacker infrastructure. Attackers launch in the regions nobody watches.',
  remediation: {
    text: 'Enable GuardDuty in every enabled region (with AWS Organizations, a delegated administrator can enable it for all accounts), and send its findings somewhere people read.',
    cli: 'aws guardduty create-detector --enable --region <region>',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
  },
  needs: ['guardduty.regions'],
  resources: (inventory) => regionStates(inventory, inventory.guardduty.regions, 'guardduty:ListDetectors'),
  describe: (_state, context) => describeRegion(context),
  evaluate(state, { region }) {
    const enabled = state.detectors.find((d) => d.status === 'ENABLED');
    if (enabled) return pass(`GuardDuty detector ${enabled.id} is enabled in ${region}`);
    return fail(state.detectors.length ? `The GuardDuty detector in ${region} is ${state.detectors[0]?.status.toLowerCase()}` : `GuardDuty is not enabled in ${region}`);
  },
  fix: { actions: GUARDDUTY_ACTIONS, plan: (state, { region }) => [enableGuardDuty(state, region)], fingerprint: (state) => state.detectors },
});
