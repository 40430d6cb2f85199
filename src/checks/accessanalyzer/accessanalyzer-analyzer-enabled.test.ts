import check from './accessanalyzer-analyzer-enabled.js';
import { testGuardRailCheck } from '../../testing/check-tester.js';

testGuardRailCheck(check, 'accessAnalyzer', 'accessanalyzer:ListAnalyzers', [{ key: 'access-analyzer:create-analyzer:us-east-1', risk: 'safe', calls: ['access-analyzer:CreateAnalyzer'] }]);
