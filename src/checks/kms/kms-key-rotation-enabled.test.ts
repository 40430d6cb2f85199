import check from './kms-key-rotation-enabled.js';
import { testCheck } from '../../testing/check-tester.js';
import { accessDenied, inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';
import type { KmsKey } from '../../inventory/schema.js';

const key = (id: string, more: Partial<KmsKey> = {}): KmsKey => ({ id, arn: `arn:aws:kms:eu-west-1:123456789012:key/${id}`, manager: 'CUSTOMER', state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', rotation: collected(true), ...more });
const inv = (...keys: KmsKey[]) => inventory({ kms: { keys: { 'eu-west-1': collected(keys) } } });
const { rotation: _r, ...aws } = key('aws-key', { manager: 'AWS' });

testCheck(check, [
  { name: 'rotating', inventory: inv(key('k1')), expect: [['PASS', 'k1']] },
  { name: 'not rotating', plan: [{ key: 'kms:enable-key-rotation:arn:aws:kms:eu-west-1:123456789012:key/k2', risk: 'costs-money', calls: ['kms:EnableKeyRotation'] }], inventory: inv(key('k2', { rotation: collected(false) })), expect: [['FAIL', 'k2', /does not rotate/]] },
  { name: 'AWS managed and asymmetric keys are not applicable', inventory: inv(aws, key('rsa', { spec: 'RSA_2048' })), expect: [['NOT_APPLICABLE', 'aws-key'], ['NOT_APPLICABLE', 'rsa', /symmetric keys only/]] },
  { name: 'rotation status denied', inventory: inv(key('k3', { rotation: accessDenied('kms:GetKeyRotationStatus') })), expect: [['UNKNOWN', 'k3', /grant kms:GetKeyRotationStatus/]] },
  { name: 'listing denied', inventory: inventory({ kms: { keys: { 'eu-west-1': accessDenied('kms:ListKeys') } } }), expect: [['UNKNOWN', 'eu-west-1']] },
]);
