import check from './lambda-function-no-secrets.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, scanned, withSecrets } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'nothing found', inventory: withSecrets('lambdaFunctions', { 'eu-west-1': collected([scanned('clean', 'Lambda function')]) }), expect: [['PASS', 'clean', /holds no secret we can recognise/]] },
  {
    name: 'a key pair and a named password, redacted',
    inventory: withSecrets('lambdaFunctions', {
      'eu-west-1': collected([
        scanned('leaky', 'Lambda function', [
          { type: 'AWS access key id', preview: 'AKIA… (20 chars)', name: 'AWS_ACCESS_KEY_ID', line: 3 },
          { type: 'plaintext secret in a variable named like one', preview: 'hunt… (8 chars)', name: 'DB_PASSWORD' },
        ]),
      ]),
    }),
    expect: [['FAIL', 'leaky', /^Lambda function leaky holds AWS access key id AKIA… \(20 chars\) in AWS_ACCESS_KEY_ID on line 3; plaintext secret in a variable named like one hunt… \(8 chars\) in DB_PASSWORD$/]],
  },
  { name: 'denied in one region', inventory: withSecrets('lambdaFunctions', { 'eu-west-1': accessDenied('lambda:ListFunctions') }), expect: [['UNKNOWN', 'eu-west-1', /grant lambda:ListFunctions/]] },
]);
