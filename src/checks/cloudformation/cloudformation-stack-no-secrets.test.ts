import check from './cloudformation-stack-no-secrets.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, scanned, withSecrets } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'nothing found', inventory: withSecrets('cloudFormationStacks', { 'eu-west-1': collected([scanned('clean', 'CloudFormation stack')]) }), expect: [['PASS', 'clean', /holds no secret we can recognise/]] },
  {
    name: 'a key pair and a named password, redacted',
    inventory: withSecrets('cloudFormationStacks', {
      'eu-west-1': collected([
        scanned('leaky', 'CloudFormation stack', [
          { type: 'AWS access key id', preview: 'AKIA… (20 chars)', name: 'AWS_ACCESS_KEY_ID', line: 3 },
          { type: 'plaintext secret in a variable named like one', preview: 'hunt… (8 chars)', name: 'DB_PASSWORD' },
        ]),
      ]),
    }),
    expect: [['FAIL', 'leaky', /^CloudFormation stack leaky holds AWS access key id AKIA… \(20 chars\) in AWS_ACCESS_KEY_ID on line 3; plaintext secret in a variable named like one hunt… \(8 chars\) in DB_PASSWORD$/]],
  },
  { name: 'denied in one region', inventory: withSecrets('cloudFormationStacks', { 'eu-west-1': accessDenied('cloudformation:DescribeStacks') }), expect: [['UNKNOWN', 'eu-west-1', /grant cloudformation:DescribeStacks/]] },
]);
