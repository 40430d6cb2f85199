import check from './accessanalyzer-analyzer-enabled.js';
import { testGuardRailCheck } from '../../testing/check-tester.js';

testGuardRailCheck(check, 'accessAnalyzer', 'accessanalyzer:ListAnalyzers');
