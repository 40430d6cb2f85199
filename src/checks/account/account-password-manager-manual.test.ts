import check from './account-password-manager-manual.js';
import { testManualCheck } from '../../testing/check-tester.js';

testManualCheck(check);
