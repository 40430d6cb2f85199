/** IAM password steps: the account password policy and forced password resets. */
import type { FixCall, FixContext, FixStep } from '../core/fix-plan.js';
import type { CredentialReportRow, PasswordPolicy } from '../inventory/schema.js';
import { day, daysSince, isTimestamp } from '../lib/dates.js';
import { plural } from '../lib/text.js';

export const PASSWORD_POLICY_ACTIONS = ['iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'];
export const PASSWORD_RESET_ACTIONS = ['iam:UpdateLoginProfile'];

/** The configured policy, keeping every existing setting that is stricter. */
export function strongerPolicy(current: PasswordPolicy | null, want: FixContext['config']['passwordPolicy']): PasswordPolicy {
  const maxAge = current?.maxAgeDays === undefined ? want.maxAgeDays : Math.min(current.maxAgeDays, want.maxAgeDays);
  return {
    minimumLength: Math.max(current?.minimumLength ?? 0, want.minLength),
    requireSymbols: Boolean(current?.requireSymbols) || want.requireSymbols,
    requireNumbers: Boolean(current?.requireNumbers) || want.requireNumbers,
    requireUppercase: Boolean(current?.requireUppercase) || want.requireUppercase,
    requireLowercase: Boolean(current?.requireLowercase) || want.requireLowercase,
    // Expiring passwords that users may not change themselves would lock them out.
    allowUsersToChange: current?.allowUsersToChange ?? true,
    maxAgeDays: maxAge,
    reusePrevention: Math.max(current?.reusePrevention ?? 0, want.reusePrevention),
    hardExpiry: current?.hardExpiry ?? false,
  };
}

const update = (p: PasswordPolicy): FixCall => ({
  action: 'iam:UpdateAccountPasswordPolicy',
  region: 'global',
  // Omitted fields are reset to IAM's defaults, so the call always carries the whole policy.
  input: {
    MinimumPasswordLength: p.minimumLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercase,
    RequireLowercaseCharacters: p.requireLowercase,
    AllowUsersToChangePassword: p.allowUsersToChange,
    ...(p.maxAgeDays !== undefined ? { MaxPasswordAge: p.maxAgeDays } : {}),
    ...(p.reusePrevention !== undefined ? { PasswordReusePrevention: p.reusePrevention } : {}),
    HardExpiry: p.hardExpiry,
  },
});

export function describePolicy(p: PasswordPolicy | null): string {
  if (!p) return 'no policy (IAM default: 8 characters, no classes, never expires, reuse allowed)';
  const classes = [p.requireUppercase && 'uppercase', p.requireLowercase && 'lowercase', p.requireNumbers && 'numbers', p.requireSymbols && 'symbols'].filter(Boolean);
  return [
    `min ${p.minimumLength} characters`,
    classes.length ? `requires ${classes.join(', ')}` : 'no character classes',
    p.maxAgeDays === undefined ? 'never expires' : `expires after ${p.maxAgeDays} days`,
    p.reusePrevention === undefined ? 'reuse allowed' : `remembers ${p.reusePrevention}`,
    p.allowUsersToChange ? 'users may change their own' : 'only admins change passwords',
  ].join(', ');
}

/** The policy step; undo restores the policy read at plan time, or deletes it when there was none. */
export function setPasswordPolicy(current: PasswordPolicy | null, context: FixContext): FixStep {
  const target = strongerPolicy(current, context.config.passwordPolicy);
  const expiring = expiredBy(target.maxAgeDays, current?.maxAgeDays, context);
  return {
    key: 'iam:set-password-policy',
    title: 'Set the account password policy',
    before: describePolicy(current),
    after: describePolicy(target),
    calls: [update(target)],
    undo: [current ? update(current) : { action: 'iam:DeleteAccountPasswordPolicy', region: 'global', input: {} }],
    ...(expiring
      ? { risk: 'may-disrupt' as const, riskNote: `may disrupt: ${expiring} must choose a new password at their next sign-in (older than ${target.maxAgeDays} days)` }
      : { risk: 'safe' as const, riskNote: 'existing passwords keep working; new ones must meet the policy' }),
  };
}

/** Console users whose password is older than a newly introduced or shortened maximum age. */
function expiredBy(maxAge: number | undefined, oldMaxAge: number | undefined, { inventory, now }: FixContext): string | undefined {
  if (maxAge === undefined || (oldMaxAge !== undefined && oldMaxAge <= maxAge)) return undefined;
  const report = inventory.iam.credentialReport;
  if (report?.status !== 'collected') return 'users whose password is old (the credential report could not be read to count them)';
  const old = report.value.filter((row) => {
    const set = isTimestamp(row.passwordLastChanged) ? row.passwordLastChanged : isTimestamp(row.userCreationTime) ? row.userCreationTime : undefined;
    return row.passwordEnabled === true && set !== undefined && daysSince(set, now) > maxAge;
  });
  return old.length ? `${plural(old.length, 'console user')} (${old.slice(0, 5).map((r) => r.user).join(', ')}${old.length > 5 ? ', …' : ''})` : undefined;
}

/** The user must choose a new password at the next sign-in; the current one stays valid until then. */
export function requirePasswordReset(user: CredentialReportRow, context: FixContext): FixStep {
  const call = (PasswordResetRequired: boolean): FixCall => ({ action: 'iam:UpdateLoginProfile', region: 'global', input: { UserName: user.user, PasswordResetRequired } });
  const policy = context.inventory.iam.passwordPolicy;
  const canChange = policy?.status === 'collected' && policy.value?.allowUsersToChange;
  const lastUse = isTimestamp(user.passwordLastUsed) ? `last signed in ${day(user.passwordLastUsed)}` : 'no recorded sign-in';
  return {
    key: `iam:require-password-reset:${user.user}`,
    title: `Require ${user.user} to choose a new console password at next sign-in`,
    before: `password never has to be changed (${lastUse})`,
    after: 'a new password is required at the next sign-in',
    calls: [call(true)],
    undo: [call(false)],
    risk: 'may-disrupt',
    riskNote: `may disrupt: ${user.user} cannot use the console until choosing a new password${canChange ? '' : ', which needs iam:ChangePassword on their own user (the password policy does not let users change their password)'}`,
  };
}
