import check from './guardduty-detector-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const state = (detectors: { id: string; status: string }[]) => collected({ detectors, highSeverity: collected({ open: 0, topTypes: [] }) });

testCheck(check, [
  {
    name: 'enabled, suspended, missing, denied', plan: [{ key: 'guardduty:enable-detector:us-east-1', risk: 'costs-money', calls: ['guardduty:UpdateDetector'] }, { key: 'guardduty:enable-detector:us-west-2', risk: 'costs-money', calls: ['guardduty:CreateDetector'], irreversible: true }],
    inventory: inventory({
      regions: ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'],
      guardduty: { regions: { 'eu-west-1': state([{ id: 'd1', status: 'ENABLED' }]), 'us-east-1': state([{ id: 'd2', status: 'DISABLED' }]), 'us-west-2': state([]), 'ap-south-1': accessDenied('guardduty:ListDetectors') } },
    }),
    expect: [
      ['PASS', '123456789012 in eu-west-1', /detector d1 is enabled/],
      ['FAIL', '123456789012 in us-east-1', /detector in us-east-1 is disabled/],
      ['FAIL', '123456789012 in us-west-2', /not enabled in us-west-2/],
      ['UNKNOWN', 'ap-south-1', /grant guardduty:ListDetectors/],
    ],
  },
]);
