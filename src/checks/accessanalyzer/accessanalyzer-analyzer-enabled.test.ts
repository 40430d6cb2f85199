import check from './accessanalyzer-analyzer-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { GuardRails } from '../../inventory/schema.js';

const on: GuardRails = { configRecording: collected(true), securityHub: collected(true), accessAnalyzer: collected(true) };

testCheck(check, [
  {
    name: 'on, off, unreadable, region denied',
    inventory: inventory({
      regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'],
      guardRails: {
        regions: {
          'eu-west-1': collected(on),
          'us-east-1': collected({ ...on, accessAnalyzer: collected(false) }),
          'us-west-2': collected({ ...on, accessAnalyzer: accessDenied('accessanalyzer:ListAnalyzers') }),
          'ap-south-1': accessDenied('accessanalyzer:ListAnalyzers'),
        },
      },
    }),
    expect: [
      ['PASS', '123456789012 in eu-west-1', /is on in eu-west-1/],
      ['FAIL', '123456789012 in us-east-1', /is off in us-east-1/],
      ['UNKNOWN', '123456789012 in us-west-2'],
      ['UNKNOWN', 'ap-south-1'],
    ],
  },
]);
