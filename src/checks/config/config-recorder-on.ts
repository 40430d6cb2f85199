import { defineCheck, fail, need, pass } from '../../core/check.js';
import { describeRegion, regionStates } from '../../inventory/resources.js';

export default defineCheck({
  id: 'config-recorder-on',
  title: 'AWS Config records configuration changes in every region',
  service: 'config',
  severity: 'medium',
  checklist: ['AS-40'],
  rationale: "AWS Config keeps the history of every resource's configuration: what a security group looked like before the attacker changed it, and when.",
  remediation: {
    text: "Set up AWS Config with a recorder for all resources in every region (or an organisation-wide setup), with a delivery channel to S3.",
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html',
  },
  needs: ['guardRails.regions'],
  resources: (inventory) => regionStates(inventory, inventory.guardRails.regions, 'config:DescribeConfigurationRecorderStatus'),
  describe: (_state, context) => describeRegion(context),
  evaluate: (state, { region }) => (need(state.configRecording, 'config:DescribeConfigurationRecorderStatus') ? pass('AWS Config recording is on in ' + region) : fail('AWS Config recording is off in ' + region)),
});
