/**
 * The recover checklist: what AWS asks of an owner after a compromise, each item with its state
 * from live data where the API can tell (root MFA on: PASS) and, for the rest, an acknowledgement
 * the user gives (`--ack ITEM` or at the prompt) that is recorded in the journal. Pure: the live
 * facts are read elsewhere (recover-read.ts) and passed in.
 */
import { shortKeyId } from '../fixers/iam.js';
import type { Scope } from './scope.js';

export const RECOVER_ITEMS = ['root-password', 'root-mfa', 'rotate-keys', 'review-billing', 'contact-support', 'org-accounts'] as const;
export type RecoverItemId = (typeof RECOVER_ITEMS)[number];

/** PASS/FAIL/UNKNOWN: read live. TODO: only the user can tell; DONE: they acknowledged it. */
export type RecoverState = 'PASS' | 'FAIL' | 'UNKNOWN' | 'TODO' | 'DONE';

export interface RecoverItem {
  readonly id: RecoverItemId;
  readonly title: string;
  readonly state: RecoverState;
  /** What was read, or why it could not be. */
  readonly detail: string;
  readonly how: string;
  /** Checked from live data: an acknowledgement does not change a FAIL. */
  readonly live: boolean;
}

/** A live fact: read, or not readable and why. */
export type LiveFact<T> = { readonly read: true; readonly value: T } | { readonly read: false; readonly reason: string };

export interface RecoverFacts {
  /** iam:GetAccountSummary AccountMFAEnabled. */
  readonly rootMfa: LiveFact<boolean>;
  /** Active access keys after containment, by user (the contained ones left out). */
  readonly activeKeys: LiveFact<readonly { readonly user: string; readonly keyId: string }[]>;
}

export function recoverChecklist(scope: Scope, facts: RecoverFacts, acknowledged: ReadonlySet<string>): RecoverItem[] {
  const todo = (id: RecoverItemId): RecoverState => (acknowledged.has(id) ? 'DONE' : 'TODO');
  const cost = scope.cost;
  const jumps = (cost?.byService ?? []).filter((s) => s.recentPerDay > 2 * s.baselinePerDay + 1).sort((a, b) => b.recentPerDay - a.recentPerDay);
  const money = (n: number) => `${n.toFixed(2)} ${cost?.currency ?? ''}`.trim();
  const orgItems = scope.items.filter((i) => i.kind === 'organizations-account');
  const orgUnread = scope.unreadable.find((u) => u.kind === 'organizations-account');
  const keys = facts.activeKeys;
  return [
    {
      id: 'root-password',
      title: 'Change the root user password',
      state: todo('root-password'),
      detail: 'no API tells when the root password last changed',
      how: 'sign in as root (the account e-mail), Security credentials, change the password to a new long random one kept in a password manager',
      live: false,
    },
    {
      id: 'root-mfa',
      title: 'Enable MFA on the root user',
      state: facts.rootMfa.read ? (facts.rootMfa.value ? 'PASS' : 'FAIL') : 'UNKNOWN',
      detail: facts.rootMfa.read ? (facts.rootMfa.value ? 'root MFA is on (iam:GetAccountSummary AccountMFAEnabled = 1)' : 'root MFA is off (AccountMFAEnabled = 0)') : `could not read: ${facts.rootMfa.reason}`,
      how: 'as root: Security credentials, Assign MFA device (a hardware key or passkey is best)',
      live: true,
    },
    {
      id: 'rotate-keys',
      title: 'Rotate every remaining access key',
      state: !keys.read ? 'UNKNOWN' : keys.value.length === 0 ? 'PASS' : todo('rotate-keys'),
      detail: !keys.read
        ? `could not list the keys: ${keys.reason}`
        : keys.value.length === 0
          ? 'no active access key is left'
          : `${keys.value.length} active: ${keys.value.slice(0, 20).map((k) => `${shortKeyId(k.keyId)} (${k.user})`).join(', ')}${keys.value.length > 20 ? ', …' : ''}`,
      how: 'for each: create a new key, move its users to it, deactivate the old one, delete it when nothing broke (better: replace keys with roles)',
      live: keys.read && keys.value.length === 0,
    },
    {
      id: 'review-billing',
      title: 'Review the bill and the usage it shows',
      state: todo('review-billing'),
      detail: !cost
        ? 'cost could not be read (Cost Explorer: ce:GetCostAndUsage)'
        : jumps.length
          ? `per day, last ${cost.recentDays} days against the ${cost.baselineDays} before: ${jumps.slice(0, 5).map((s) => `${s.service} ${money(s.recentPerDay)} (was ${money(s.baselinePerDay)})`).join('; ')}`
          : `no service costs more per day in the last ${cost.recentDays} days than in the ${cost.baselineDays} before`,
      how: 'Billing console: Bills and Cost Explorer by service and region; look for regions you never use',
      live: false,
    },
    {
      id: 'contact-support',
      title: 'Contact AWS Support',
      state: todo('contact-support'),
      detail: 'AWS can review the charges an intruder caused; every support plan can open an account and billing case',
      how: 'Support Center, Create case, Account and billing; say the account was compromised and when',
      live: false,
    },
    {
      id: 'org-accounts',
      title: 'Check the other accounts of the organisation',
      state: todo('org-accounts'),
      detail: orgItems.length ? `${orgItems.length} account(s) made since ${scope.since}: ${orgItems.map((i) => i.id).join(', ')}` : orgUnread ? `the organisation could not be read: ${orgUnread.reason}` : `no account made since ${scope.since} was found`,
      how: 'run bulwark respond in each member account (a shared intruder moves sideways through roles), and bulwark scan --org',
      live: false,
    },
  ];
}

/** Items the user can still acknowledge (not read live, not done). */
export function openItems(items: readonly RecoverItem[]): RecoverItem[] {
  return items.filter((i) => i.state === 'TODO');
}
