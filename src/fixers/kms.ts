/** KMS write steps. */
import type { FixCall, FixStep } from '../core/fix-plan.js';
import type { KmsKey } from '../inventory/schema.js';

export const KEY_ROTATION_ACTIONS = ['kms:EnableKeyRotation', 'kms:DisableKeyRotation'];

/** Yearly automatic rotation; old key material stays for decryption, so nothing that uses the key notices. */
export function enableKeyRotation(key: KmsKey, region: string): FixStep {
  const call = (operation: 'EnableKeyRotation' | 'DisableKeyRotation'): FixCall => ({ action: `kms:${operation}`, input: { KeyId: key.id }, region });
  return {
    key: `kms:enable-key-rotation:${key.arn}`,
    title: `Turn on automatic rotation of KMS key ${key.id}`,
    before: 'no automatic rotation',
    after: 'new key material every 365 days; earlier versions kept for decryption',
    calls: [call('EnableKeyRotation')],
    undo: [call('DisableKeyRotation')],
    risk: 'costs-money',
    riskNote: 'costs money: AWS KMS bills each of the first two rotations of a key as another US$1 a month (later rotations are free)',
  };
}
