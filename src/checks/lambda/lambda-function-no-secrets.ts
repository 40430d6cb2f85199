import { defineCheck } from '../../core/check.js';
import { perRegion } from '../../inventory/resources.js';
import { describeScanned, secretsVerdict } from '../../secrets/verdict.js';

export default defineCheck({
  id: 'lambda-function-no-secrets',
  title: 'Lambda environments hold no secrets',
  service: 'lambda',
  severity: 'high',
  checklist: ['AS-23'],
  rationale: "Environment variables are readable by anyone with lambda:GetFunctionConfiguration, appear in the console, and are copied into every deployment pipeline and log that prints them.",
  remediation: {
    text: "Move the value to AWS Secrets Manager or Parameter Store (SecureString), pass its name in the variable, read it at run time with the function's role, and rotate the exposed secret.",
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
  },
  needs: ['secrets.lambdaFunctions'],
  resources: (inventory) => perRegion(inventory, inventory.secrets.lambdaFunctions, 'lambda:ListFunctions'),
  describe: describeScanned,
  evaluate: secretsVerdict,
});
