import check from './lambda-function-no-secrets.js';
import { testSecretsCheck } from '../../testing/check-tester.js';

testSecretsCheck(check, 'lambdaFunctions', 'Lambda function', 'lambda:ListFunctions');
