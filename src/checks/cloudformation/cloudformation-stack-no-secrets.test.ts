import check from './cloudformation-stack-no-secrets.js';
import { testSecretsCheck } from '../../testing/check-tester.js';

testSecretsCheck(check, 'cloudFormationStacks', 'CloudFormation stack', 'cloudformation:DescribeStacks');
