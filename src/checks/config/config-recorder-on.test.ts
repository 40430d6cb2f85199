import check from './config-recorder-on.js';
import { testGuardRailCheck } from '../../testing/check-tester.js';

testGuardRailCheck(check, 'configRecording', 'config:DescribeConfigurationRecorderStatus');
