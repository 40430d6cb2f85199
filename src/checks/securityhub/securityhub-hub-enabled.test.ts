import check from './securityhub-hub-enabled.js';
import { testGuardRailCheck } from '../../testing/check-tester.js';

testGuardRailCheck(check, 'securityHub', 'securityhub:DescribeHub', [
  { key: 'securityhub:enable-hub:us-east-1', risk: 'costs-money', calls: ['securityhub:EnableSecurityHub'], riskNote: /per security check run/ },
]);
