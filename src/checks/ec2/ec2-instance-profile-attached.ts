import { defineCheck, fail, notApplicable, pass } from '../../core/check.js';
import { describeInstance, instances } from '../../inventory/resources.js';

export default defineCheck({
  id: 'ec2-instance-profile-attached',
  title: 'Running instances get AWS access from a role, not from stored keys',
  service: 'ec2',
  severity: 'low',
  checklist: ['AS-13'],
  rationale:
    'An instance without an instance profile that needs AWS access gets it from access keys copied onto the disk, where anyone with a shell, a backup or an SSRF bug can read them. A role gives short-lived credentials that rotate themselves.',
  remediation: {
    text: 'Create a role with only what the workload needs, attach it as an instance profile, and delete any access keys stored on the instance.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile>',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  },
  needs: ['ec2.instances'],
  resources: instances,
  describe: describeInstance,
  evaluate(instance) {
    const label = `Instance ${instance.instanceId}${instance.name ? ` (${instance.name})` : ''}`;
    if (instance.state !== 'running' && instance.state !== 'pending') return notApplicable(`${label} is ${instance.state}`);
    return instance.instanceProfileArn
      ? pass(`${label} runs with instance profile ${instance.instanceProfileArn.split('/').pop() ?? ''}`)
      : fail(`${label} has no instance profile: any AWS access it has comes from stored keys`);
  },
});
