import check from './account-trusted-advisor-reviewed.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'all green', inventory: inventory({ quotas: { trustedAdvisor: collected([]) } }), expect: [['PASS', '123456789012']] },
  { name: 'flagged checks', inventory: inventory({ quotas: { trustedAdvisor: collected([{ name: 'Exposed Access Keys', status: 'error', flagged: 1 }]) } }), expect: [['FAIL', '123456789012', /Exposed Access Keys \(error, 1 resources\)/]] },
  { name: 'no Business support: a MANUAL question, not an error', inventory: inventory({ quotas: { trustedAdvisor: collected(null) } }), expect: [['MANUAL', '123456789012', /Business or Enterprise Support/]] },
  { name: 'denied', inventory: inventory({ quotas: { trustedAdvisor: accessDenied('support:DescribeTrustedAdvisorChecks') } }), expect: [['UNKNOWN', '123456789012']] },
]);
