import check from './account-security-contact-set.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

testCheck(check, [
  { name: 'set', inventory: inventory({ accountSettings: { securityContact: collected({ name: 'Security team', email: 'security@example.com' }) } }), expect: [['PASS', '123456789012', /Security team <security@example\.com>/]] },
  { name: 'not set (ResourceNotFound)', plan: [{ key: 'account:set-security-contact', risk: 'safe', calls: ['account:PutAlternateContact'], missingInputs: ['--security-contact'] }], inventory: inventory({ accountSettings: { securityContact: collected(null) } }), expect: [['FAIL', '123456789012']] },
  { name: 'denied', inventory: inventory({ accountSettings: { securityContact: accessDenied('account:GetAlternateContact') } }), expect: [['UNKNOWN', '123456789012', /grant account:GetAlternateContact/]] },
]);
