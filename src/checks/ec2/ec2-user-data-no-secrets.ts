import { defineCheck } from '../../core/check.js';
import { perRegion } from '../../inventory/resources.js';
import { describeScanned, secretsVerdict } from '../../secrets/verdict.js';

export default defineCheck({
  id: 'ec2-user-data-no-secrets',
  title: 'Instance and launch-template user data holds no secrets',
  service: 'ec2',
  severity: 'high',
  checklist: ['AS-23'],
  rationale: "User data is readable by anyone with ec2:DescribeInstanceAttribute and, from inside the instance, by any process through the metadata service, SSRF bugs included.",
  remediation: {
    text: "Fetch secrets at boot from Secrets Manager or Parameter Store using the instance profile, remove them from the user data and launch templates, and rotate the exposed ones.",
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
  },
  needs: ['secrets.userData'],
  resources: (inventory) => perRegion(inventory, inventory.secrets.userData, 'ec2:DescribeInstanceAttribute'),
  describe: describeScanned,
  evaluate: secretsVerdict,
});
