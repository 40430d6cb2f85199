import check from './account-mfa-device-storage-manual.js';
import { testManualCheck } from '../../testing/check-tester.js';

testManualCheck(check);
