import { defineCheck, fail, need, notApplicable, pass } from '../../core/check.js';
import { perRegion } from '../../inventory/resources.js';
import { enableKeyRotation, KEY_ROTATION_ACTIONS } from '../../fixers/kms.js';

export default defineCheck({
  id: 'kms-key-rotation-enabled',
  title: 'Customer-managed KMS keys rotate automatically',
  service: 'kms',
  severity: 'low',
  checklist: ['AS-22'],
  rationale: 'Rotation limits how much data one key version protects and how long a compromised version stays useful. AWS does it for you, keeping old versions for decryption.',
  remediation: {
    text: 'Turn on automatic rotation for each customer-managed symmetric key (yearly by default, configurable down to 90 days).',
    cli: 'aws kms enable-key-rotation --key-id <key-id>',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  },
  needs: ['kms.keys'],
  resources: (inventory) => perRegion(inventory, inventory.kms.keys, 'kms:ListKeys'),
  describe: (key) => ({ id: key.arn, type: 'AwsKmsKey', name: key.id }),
  evaluate(key) {
    if (key.manager === 'AWS') return notApplicable(`KMS key ${key.id} is AWS managed: AWS rotates it`);
    if (key.spec !== 'SYMMETRIC_DEFAULT') return notApplicable(`KMS key ${key.id} is ${key.spec}: automatic rotation applies to symmetric keys only`);
    if (key.state !== 'Enabled') return notApplicable(`KMS key ${key.id} is ${key.state.toLowerCase()}`);
    if (!key.rotation) return notApplicable(`KMS key ${key.id} has imported key material: rotate it by hand`);
    return need(key.rotation, 'kms:GetKeyRotationStatus') ? pass(`KMS key ${key.id} rotates automatically`) : fail(`KMS key ${key.id} does not rotate automatically`);
  },
  fix: { actions: KEY_ROTATION_ACTIONS, plan: (key, { region }) => [enableKeyRotation(key, region)] },
});
