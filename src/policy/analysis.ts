/** Questions asked of the policies that apply to a principal (its own, its groups', inline and managed). */
import type { Policy, Statement } from './document.js';
import { coversAction, coversAllResources } from './match.js';

/** Actions whose unconditional denial means a principal is not a full administrator. */
const ADMIN_PROBES = ['iam:AttachUserPolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'sts:AssumeRole', 'ec2:RunInstances', 's3:PutBucketPolicy', 'kms:Decrypt', 'organizations:LeaveOrganization'];
/** A NotAction that leaves these allowed still hands out IAM itself: full admin. */
const IAM_WRITE = ['iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:CreateUser'];

interface Located {
  readonly policy: Policy;
  readonly statement: Statement;
}

function statements(policies: readonly Policy[]): Located[] {
  return policies.flatMap((policy) => policy.statements.map((statement) => ({ policy, statement })));
}

/** An unconditional Deny on every resource: the only kind that certainly blocks. */
function deniedEverywhere(all: readonly Located[], action: string): boolean {
  return all.some(({ statement: s }) => s.effect === 'Deny' && s.conditions.length === 0 && coversAllResources(s) && coversAction(s, action));
}

/** Allowed somewhere (conditions and resources aside, so nothing is missed) and not denied everywhere. */
export function allows(policies: readonly Policy[], action: string): boolean {
  const all = statements(policies);
  return !deniedEverywhere(all, action) && all.some(({ statement: s }) => s.effect === 'Allow' && coversAction(s, action));
}

/**
 * Why these policies make a full administrator, or undefined: an Allow of every action (`*`,
 * `*:*`, or a NotAction that still leaves IAM writable) on every resource, not cancelled by an
 * unconditional Deny of a core action.
 */
export function fullAdminGrant(policies: readonly Policy[]): string | undefined {
  const all = statements(policies);
  if (ADMIN_PROBES.some((action) => deniedEverywhere(all, action))) return undefined;
  for (const { policy, statement: s } of all) {
    if (s.effect !== 'Allow' || !coversAllResources(s)) continue;
    if (s.actions?.some((a) => a === '*' || a === '*:*')) return `${policy.name} allows "*" on "*"`;
    if (s.notActions && IAM_WRITE.every((action) => coversAction(s, action))) {
      return `${policy.name} allows every action except ${s.notActions.join(', ')} on "*"`;
    }
  }
  return undefined;
}

/** Known ways from limited rights to admin; each needs all its actions. */
export const ESCALATIONS: readonly { readonly actions: readonly string[]; readonly how: string }[] = [
  { actions: ['iam:CreatePolicyVersion'], how: 'rewrite a managed policy it is attached to' },
  { actions: ['iam:SetDefaultPolicyVersion'], how: 'switch a managed policy to a more permissive version' },
  { actions: ['iam:PutUserPolicy'], how: 'write itself an inline policy' },
  { actions: ['iam:PutGroupPolicy'], how: "write an inline policy on its group" },
  { actions: ['iam:PutRolePolicy'], how: 'write an inline policy on a role it can use' },
  { actions: ['iam:AttachUserPolicy'], how: 'attach AdministratorAccess to itself' },
  { actions: ['iam:AttachGroupPolicy'], how: 'attach AdministratorAccess to its group' },
  { actions: ['iam:AttachRolePolicy'], how: 'attach AdministratorAccess to a role it can use' },
  { actions: ['iam:AddUserToGroup'], how: 'join an administrators group' },
  { actions: ['iam:CreateAccessKey'], how: "create access keys for another user" },
  { actions: ['iam:CreateLoginProfile'], how: 'give another user a console password' },
  { actions: ['iam:UpdateLoginProfile'], how: "reset another user's console password" },
  { actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], how: "trust itself in a role's trust policy, then assume it" },
  { actions: ['iam:PassRole', 'ec2:RunInstances'], how: 'launch an instance with a more powerful role' },
  { actions: ['iam:PassRole', 'lambda:CreateFunction'], how: 'create a Lambda function with a more powerful role' },
  { actions: ['iam:PassRole', 'cloudformation:CreateStack'], how: 'create a CloudFormation stack with a more powerful role' },
  { actions: ['iam:PassRole', 'glue:CreateDevEndpoint'], how: 'create a Glue endpoint with a more powerful role' },
  { actions: ['lambda:UpdateFunctionCode'], how: "replace the code of a Lambda function that runs with another role" },
];

/** The escalation paths these policies open; `sts:AssumeRole` on `*` counts as one by itself. */
export function escalationPaths(policies: readonly Policy[]): string[] {
  const paths = ESCALATIONS.filter((e) => e.actions.every((action) => allows(policies, action))).map((e) => `${e.actions.join(' + ')} (${e.how})`);
  const all = statements(policies);
  const assumeAny = all.some(({ statement: s }) => s.effect === 'Allow' && coversAllResources(s) && coversAction(s, 'sts:AssumeRole'));
  if (assumeAny && !deniedEverywhere(all, 'sts:AssumeRole')) paths.push('sts:AssumeRole on "*" (assume any role that trusts the account)');
  return paths;
}

const MFA_KEY = 'aws:multifactorauthpresent';

/** A Deny that applies when the caller has not used MFA: Bool/BoolIfExists false, or Null true. */
export function isMfaDeny(statement: Statement): boolean {
  if (statement.effect !== 'Deny') return false;
  return statement.conditions.some(
    (c) =>
      c.key === MFA_KEY &&
      (((c.operator === 'Bool' || c.operator === 'BoolIfExists') && c.values.some((v) => v.toLowerCase() === 'false')) ||
        (c.operator === 'Null' && c.values.some((v) => v.toLowerCase() === 'true'))),
  );
}

/** Sensitive actions an MFA-enforcing Deny must cover to count. */
const SENSITIVE = ['iam:CreateAccessKey', 'iam:AttachUserPolicy', 'ec2:RunInstances', 's3:DeleteBucket', 'sts:AssumeRole'];

/** The policy whose Deny blocks sensitive actions without MFA, if any. */
export function mfaEnforcedBy(policies: readonly Policy[]): string | undefined {
  for (const { policy, statement } of statements(policies)) {
    if (isMfaDeny(statement) && SENSITIVE.every((action) => coversAction(statement, action))) return policy.name;
  }
  return undefined;
}

