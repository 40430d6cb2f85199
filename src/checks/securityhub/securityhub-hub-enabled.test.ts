import check from './securityhub-hub-enabled.js';
import { testGuardRailCheck } from '../../testing/check-tester.js';

testGuardRailCheck(check, 'securityHub', 'securityhub:DescribeHub');
