/** IAM write steps that checks' fix plans reuse. Plain data: the executor (execute.ts) runs them. */
import { need } from '../core/check.js';
import { CannotPlan, type FixContext, type FixStep } from '../core/fix-plan.js';
import { liveAccessKey, type AccessKeySlot } from '../inventory/resources.js';
import { day, daysSince, isTimestamp } from '../lib/dates.js';
import { plural } from '../lib/text.js';

/** `AKIA…7QXZ`: enough to tell keys apart on screen. The call input carries the full id. */
export function shortKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

export const DEACTIVATE_ACCESS_KEY_ACTIONS = ['iam:UpdateAccessKey'] as const;

/**
 * Deactivate (never delete) one access key: reversible, and a key that turns out to be needed
 * can be switched back on. A key used within the staleness window may be in use: `may-disrupt`.
 */
export function deactivateAccessKey({ user, slot, key }: AccessKeySlot, { inventory, config, now }: FixContext): FixStep {
  need(inventory.iam.accessKeys, 'iam:ListAccessKeys');
  const live = liveAccessKey(inventory, user, slot);
  if (!live) throw new CannotPlan(`ListAccessKeys shows no key of ${user.user} created when access key ${slot} was`);
  const idle = isTimestamp(key.lastUsedDate) ? daysSince(key.lastUsedDate, now) : undefined;
  const where = [key.lastUsedService, key.lastUsedRegion].filter((part) => part && part !== 'N/A').join(', ');
  const lastUse = idle === undefined ? 'never used' : `last used ${day(key.lastUsedDate as string)}${where ? ` (${where})` : ''}`;
  const inUse = idle !== undefined && idle <= config.thresholds.accessKeyUnusedDays;
  const call = (status: 'Active' | 'Inactive') => ({ action: 'iam:UpdateAccessKey', region: 'global', input: { UserName: user.user, AccessKeyId: live.id, Status: status } });
  return {
    key: `iam:deactivate-access-key:${live.id}`,
    title: `Deactivate access key ${shortKeyId(live.id)} of ${user.user}`,
    before: `Active, ${lastUse}`,
    after: 'Inactive (kept: it can be switched back on)',
    calls: [call('Inactive')],
    undo: [call('Active')],
    risk: inUse ? 'may-disrupt' : 'safe',
    riskNote: inUse ? `may disrupt: ${lastUse}, ${idle === 0 ? 'today' : `${plural(idle, 'day')} ago`}; whatever uses it stops working` : lastUse,
  };
}

/** Of two active keys, the one used longest ago (never used first; then the older one). */
export function leastRecentlyUsed(keys: readonly AccessKeySlot[]): AccessKeySlot {
  const used = (k: AccessKeySlot) => (isTimestamp(k.key.lastUsedDate) ? k.key.lastUsedDate : '');
  const created = (k: AccessKeySlot) => (isTimestamp(k.key.lastRotated) ? k.key.lastRotated : '');
  const [first] = [...keys].sort((a, b) => used(a).localeCompare(used(b)) || created(a).localeCompare(created(b)));
  if (!first) throw new CannotPlan('no active key to choose from');
  return first;
}

/** Drift for a key step is a change of that key (its state, age or last use), not of the user's other columns. */
export function keyFingerprint({ user, slot, key }: AccessKeySlot): unknown {
  return { arn: user.arn, slot, key };
}
