import { describe, expect, it } from 'vitest';
import passwordPolicy from '../checks/iam/iam-password-policy-strong.js';
import passwordRotated from '../checks/iam/iam-user-console-password-rotated.js';
import mfaEnforced from '../checks/iam/iam-user-mfa-enforced.js';
import consoleMfa from '../checks/iam/iam-user-console-mfa-enabled.js';
import { evaluate } from '../core/engine.js';
import { collected } from '../core/fact.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { daysAgo, iamGroup, iamUser, inventory, key, managedPolicy, NOW, user, withAuthorization } from '../testing/builders.js';
import type { PasswordPolicy } from '../inventory/schema.js';
import { callsOf, planFor, stepKeys, undoOf } from '../../test/support/fix-plan.js';
import { MFA_GROUP_NAME, MFA_POLICY_NAME, mfaPolicyDocument } from './iam-mfa.js';

const weak: PasswordPolicy = { minimumLength: 20, requireSymbols: false, requireNumbers: true, requireUppercase: true, requireLowercase: true, allowUsersToChange: true, maxAgeDays: 30, hardExpiry: false };

describe('password policy fixer (AS-10)', () => {
  it('sets the configured policy, keeping the stricter existing length and maximum age; undo restores the old policy in full', () => {
    const plan = planFor(passwordPolicy, inventory({ iam: { passwordPolicy: collected(weak) } }));
    expect(stepKeys(plan)).toEqual([['iam:set-password-policy', 'safe']]);
    expect(callsOf(plan, 'iam:set-password-policy')).toEqual([
      [
        'iam:UpdateAccountPasswordPolicy',
        { MinimumPasswordLength: 20, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, MaxPasswordAge: 30, PasswordReusePrevention: 24, HardExpiry: false },
      ],
    ]);
    expect(undoOf(plan, 'iam:set-password-policy')).toEqual([
      ['iam:UpdateAccountPasswordPolicy', { MinimumPasswordLength: 20, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, MaxPasswordAge: 30, HardExpiry: false }],
    ]);
  });

  it('creates a policy where there was none (undo deletes it) and warns who must change an old password', () => {
    const inv = inventory({ iam: { passwordPolicy: collected(null), credentialReport: collected([user('alice', { passwordLastChanged: daysAgo(200) }), user('bob')]) } });
    const plan = planFor(passwordPolicy, inv);
    expect(undoOf(plan, 'iam:set-password-policy')).toEqual([['iam:DeleteAccountPasswordPolicy', {}]]);
    expect(plan.steps[0]?.risk).toBe('may-disrupt');
    expect(plan.steps[0]?.riskNote).toMatch(/1 console user \(alice\) must choose a new password/);
  });

  it('the planned policy passes the check, so a second run plans nothing', () => {
    const plan = planFor(passwordPolicy, inventory({ iam: { passwordPolicy: collected(weak) } }));
    const input = plan.steps[0]?.calls[0]?.input as Record<string, number | boolean>;
    const applied: PasswordPolicy = {
      minimumLength: input.MinimumPasswordLength as number,
      requireSymbols: input.RequireSymbols as boolean,
      requireNumbers: input.RequireNumbers as boolean,
      requireUppercase: input.RequireUppercaseCharacters as boolean,
      requireLowercase: input.RequireLowercaseCharacters as boolean,
      allowUsersToChange: input.AllowUsersToChangePassword as boolean,
      maxAgeDays: input.MaxPasswordAge as number,
      reusePrevention: input.PasswordReusePrevention as number,
      hardExpiry: input.HardExpiry as boolean,
    };
    expect(planFor(passwordPolicy, inventory({ iam: { passwordPolicy: collected(applied) } })).steps).toEqual([]);
  });
});

describe('password reset fixer (AS-09)', () => {
  it('requires a new password at next sign-in, may disrupt, and undo clears the flag', () => {
    const plan = planFor(passwordRotated, inventory({ iam: { credentialReport: collected([user('alice', { passwordLastChanged: daysAgo(200) }), user('bob')]), passwordPolicy: collected(null) } }));
    expect(stepKeys(plan)).toEqual([['iam:require-password-reset:alice', 'may-disrupt']]);
    expect(callsOf(plan, 'iam:require-password-reset:alice')).toEqual([['iam:UpdateLoginProfile', { UserName: 'alice', PasswordResetRequired: true }]]);
    expect(undoOf(plan, 'iam:require-password-reset:alice')).toEqual([['iam:UpdateLoginProfile', { UserName: 'alice', PasswordResetRequired: false }]]);
    expect(plan.steps[0]?.riskNote).toMatch(/needs iam:ChangePassword/);
  });
});

describe('MFA enforcement fixer (AS-06)', () => {
  const report = collected([user('alice', { mfaActive: false }), user('bob', { accessKeys: [key(), key({ active: false })] })]);

  it('creates the policy and the group once, then adds each affected user', () => {
    const plan = planFor(mfaEnforced, withAuthorization({ users: [iamUser('alice'), iamUser('bob')] }, { credentialReport: report }));
    expect(stepKeys(plan)).toEqual([
      [`iam:create-policy:${MFA_POLICY_NAME}`, 'safe'],
      [`iam:create-group:${MFA_GROUP_NAME}`, 'safe'],
      [`iam:add-user-to-group:${MFA_GROUP_NAME}:alice`, 'may-disrupt'],
      [`iam:add-user-to-group:${MFA_GROUP_NAME}:bob`, 'may-disrupt'],
    ]);
    const policyArn = `arn:aws:iam::123456789012:policy/${MFA_POLICY_NAME}`;
    expect(undoOf(plan, `iam:create-group:${MFA_GROUP_NAME}`)).toEqual([
      ['iam:DetachGroupPolicy', { GroupName: MFA_GROUP_NAME, PolicyArn: policyArn }],
      ['iam:DeleteGroup', { GroupName: MFA_GROUP_NAME }],
    ]);
    const alice = plan.steps.find((s) => s.key.endsWith(':alice'));
    expect(alice?.riskNote).toMatch(/no MFA device and can do nothing but set one up/);
    expect(plan.steps.find((s) => s.key.endsWith(':bob'))?.riskNote).toMatch(/its active access key stops working outside MFA sessions/);
    expect(alice?.dependsOn).toEqual([`iam:create-policy:${MFA_POLICY_NAME}`, `iam:create-group:${MFA_GROUP_NAME}`]);
  });

  it('reuses a policy and group that exist, and the applied state passes the check', () => {
    const policy = managedPolicy(MFA_POLICY_NAME, mfaPolicyDocument());
    const group = iamGroup(MFA_GROUP_NAME, { attachedPolicyArns: [policy.arn] });
    const plan = planFor(mfaEnforced, withAuthorization({ users: [iamUser('alice')], groups: [group], policies: [policy] }, { credentialReport: report }));
    expect(stepKeys(plan)).toEqual([[`iam:add-user-to-group:${MFA_GROUP_NAME}:alice`, 'may-disrupt']]);
    const after = withAuthorization({ users: [iamUser('alice', { groups: [MFA_GROUP_NAME] })], groups: [group], policies: [policy] }, { credentialReport: report });
    expect(evaluate([mfaEnforced], after, { now: NOW, config: DEFAULT_CONFIG }).map((f) => f.status)).toEqual(['PASS']);
  });

  it('lists console MFA as a manual step: nobody can enrol a device for the user', () => {
    const plan = planFor(consoleMfa, inventory({ iam: { credentialReport: collected([user('alice', { mfaActive: false })]) } }));
    expect(plan.steps).toEqual([]);
    expect(plan.manual.map((m) => [m.resource, m.manual])).toEqual([['alice', expect.stringMatching(/assigns an MFA device/)]]);
  });
});
