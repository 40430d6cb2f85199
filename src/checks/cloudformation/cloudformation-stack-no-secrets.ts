import { defineCheck } from '../../core/check.js';
import { perRegion } from '../../inventory/resources.js';
import { describeScanned, secretsVerdict } from '../../secrets/verdict.js';

export default defineCheck({
  id: 'cloudformation-stack-no-secrets',
  title: 'CloudFormation stacks hold no secrets in parameters or outputs',
  service: 'cloudformation',
  severity: 'high',
  checklist: ['AS-23'],
  rationale: "Stack parameters without NoEcho and every output are shown to anyone with cloudformation:DescribeStacks, and outputs can be imported by other stacks.",
  remediation: {
    text: "Use NoEcho parameters or, better, dynamic references ({{resolve:secretsmanager:...}}); never output a secret. Update the stack and rotate what was exposed.",
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
  },
  needs: ['secrets.cloudFormationStacks'],
  resources: (inventory) => perRegion(inventory, inventory.secrets.cloudFormationStacks, 'cloudformation:DescribeStacks'),
  describe: describeScanned,
  evaluate: secretsVerdict,
});
