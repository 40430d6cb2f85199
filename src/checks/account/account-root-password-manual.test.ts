import check from './account-root-password-manual.js';
import { testManualCheck } from '../../testing/check-tester.js';

testManualCheck(check);
