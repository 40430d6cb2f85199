import check from './guardduty-high-findings-resolved.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const on = [{ id: 'd1', status: 'ENABLED' }];

testCheck(check, [
  {
    name: 'clean, busy, off, denied',
    inventory: inventory({
      regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'],
      guardduty: {
        regions: {
          'eu-west-1': collected({ detectors: on, highSeverity: collected({ open: 0, topTypes: [] }) }),
          'us-east-1': collected({ detectors: on, highSeverity: collected({ open: 12, topTypes: ['CryptoCurrency:EC2/BitcoinTool.B!DNS', 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'] }) }),
          'us-west-2': collected({ detectors: [], highSeverity: collected({ open: 0, topTypes: [] }) }),
          'ap-south-1': accessDenied('guardduty:ListFindings'),
        },
      },
    }),
    expect: [
      ['PASS', '123456789012 in eu-west-1'],
      ['FAIL', '123456789012 in us-east-1', /12 open high-severity GuardDuty findings in us-east-1, most often CryptoCurrency:EC2\/BitcoinTool\.B!DNS/],
      ['NOT_APPLICABLE', '123456789012 in us-west-2'],
      ['UNKNOWN', 'ap-south-1'],
    ],
  },
]);
