import { defineCheck } from '../../core/check.js';
import { perRegion } from '../../inventory/resources.js';
import { describeScanned, secretsVerdict } from '../../secrets/verdict.js';

export default defineCheck({
  id: 'ecs-task-definition-no-secrets',
  title: 'ECS task definitions hold no secrets in their environment',
  service: 'ecs',
  severity: 'high',
  checklist: ['AS-23'],
  rationale: "Plain environment values in a task definition are visible to anyone with ecs:DescribeTaskDefinition and stay in every old revision.",
  remediation: {
    text: "Use the container definition's secrets field with Secrets Manager or Parameter Store ARNs, register a new revision, deregister the old ones and rotate the exposed secret.",
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html',
  },
  needs: ['secrets.ecsTaskDefinitions'],
  resources: (inventory) => perRegion(inventory, inventory.secrets.ecsTaskDefinitions, 'ecs:ListTaskDefinitionFamilies'),
  describe: describeScanned,
  evaluate: secretsVerdict,
});
