/**
 * MFA enforcement: one customer managed policy that denies everything but setting up one's own MFA
 * until the caller signs in with MFA, attached to one group that the affected users join.
 */
import type { FixCall, FixContext, FixStep } from '../core/fix-plan.js';
import type { CredentialReportRow, IamUser } from '../inventory/schema.js';

export const MFA_POLICY_NAME = 'BulwarkRequireMFA';
export const MFA_GROUP_NAME = 'BulwarkMFARequired';
export const MFA_ACTIONS = ['iam:CreatePolicy', 'iam:DeletePolicy', 'iam:CreateGroup', 'iam:DeleteGroup', 'iam:AttachGroupPolicy', 'iam:DetachGroupPolicy', 'iam:AddUserToGroup', 'iam:RemoveUserFromGroup'];

/** What a user may still do without MFA: see and manage their own MFA device and password. */
const SELF_SERVICE = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:GetUser',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
];

export function mfaPolicyDocument(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllExceptMfaSetupWithoutMfa',
        Effect: 'Deny',
        NotAction: SELF_SERVICE,
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
  });
}

const arns = ({ account }: FixContext) => ({
  policy: `arn:${account.partition}:iam::${account.id}:policy/${MFA_POLICY_NAME}`,
  group: `arn:${account.partition}:iam::${account.id}:group/${MFA_GROUP_NAME}`,
});

/** The policy and the group, each planned only when the inventory does not already hold it. */
function policyAndGroup(context: FixContext): FixStep[] {
  const auth = context.inventory.iam.authorization;
  const existing = auth?.status === 'collected' ? auth.value : undefined;
  const { policy } = arns(context);
  const steps: FixStep[] = [];
  if (!existing?.policies.some((p) => p.arn === policy)) {
    steps.push({
      key: `iam:create-policy:${MFA_POLICY_NAME}`,
      title: `Create the managed policy ${MFA_POLICY_NAME}`,
      before: 'no such policy',
      after: "a policy that denies every action except setting up MFA and changing one's password when the caller has not signed in with MFA",
      calls: [{ action: 'iam:CreatePolicy', region: 'global', input: { PolicyName: MFA_POLICY_NAME, Description: 'Created by bulwark fix: deny everything but MFA setup without MFA', PolicyDocument: mfaPolicyDocument() } }],
      undo: [{ action: 'iam:DeletePolicy', region: 'global', input: { PolicyArn: policy } }],
      risk: 'safe',
      riskNote: 'affects nobody until attached',
    });
  }
  const group = existing?.groups.find((g) => g.name === MFA_GROUP_NAME);
  if (!group?.attachedPolicyArns.includes(policy)) {
    const attach: FixCall = { action: 'iam:AttachGroupPolicy', region: 'global', input: { GroupName: MFA_GROUP_NAME, PolicyArn: policy } };
    const detach: FixCall = { action: 'iam:DetachGroupPolicy', region: 'global', input: { GroupName: MFA_GROUP_NAME, PolicyArn: policy } };
    const dependsOn = steps.map((s) => s.key);
    steps.push({
      key: `iam:create-group:${MFA_GROUP_NAME}`,
      title: group ? `Attach ${MFA_POLICY_NAME} to the group ${MFA_GROUP_NAME}` : `Create the group ${MFA_GROUP_NAME} with ${MFA_POLICY_NAME} attached`,
      before: group ? `group ${MFA_GROUP_NAME} without ${MFA_POLICY_NAME}` : 'no such group',
      after: `group ${MFA_GROUP_NAME} with ${MFA_POLICY_NAME} attached`,
      calls: group ? [attach] : [{ action: 'iam:CreateGroup', region: 'global', input: { GroupName: MFA_GROUP_NAME } }, attach],
      undo: group ? [detach] : [detach, { action: 'iam:DeleteGroup', region: 'global', input: { GroupName: MFA_GROUP_NAME } }],
      ...(group ? { risk: 'may-disrupt' as const, riskNote: "may disrupt: the group's current members become subject to it" } : { risk: 'safe' as const, riskNote: 'nobody is in the group yet' }),
      ...(dependsOn.length ? { dependsOn } : {}),
    });
  }
  return steps;
}

/** Adds one console user to the MFA group; without an MFA device they can do nothing else until they set one up. */
export function enforceMfa(user: IamUser, row: CredentialReportRow, context: FixContext): FixStep[] {
  const prerequisites = policyAndGroup(context);
  const call = (verb: 'AddUserToGroup' | 'RemoveUserFromGroup'): FixCall => ({ action: `iam:${verb}`, region: 'global', input: { GroupName: MFA_GROUP_NAME, UserName: user.name } });
  const keys = row.accessKeys.filter((k) => k.active).length;
  const effect = row.mfaActive
    ? `${user.name} has an MFA device: sessions and ${keys ? 'access keys' : 'tools'} used without MFA (e.g. CLI calls without GetSessionToken) are denied`
    : `${user.name} has no MFA device and can do nothing but set one up until signing in with it`;
  return [
    ...prerequisites,
    {
      key: `iam:add-user-to-group:${MFA_GROUP_NAME}:${user.name}`,
      title: `Add ${user.name} to ${MFA_GROUP_NAME}`,
      before: `${user.name} may act without MFA`,
      after: `${user.name} is denied everything but MFA setup without MFA`,
      calls: [call('AddUserToGroup')],
      undo: [call('RemoveUserFromGroup')],
      risk: 'may-disrupt',
      riskNote: `may disrupt: ${effect}${keys ? `; ${keys === 1 ? 'its active access key stops' : `its ${keys} active access keys stop`} working outside MFA sessions` : ''}`,
      ...(prerequisites.length ? { dependsOn: prerequisites.map((s) => s.key) } : {}),
    },
  ];
}
