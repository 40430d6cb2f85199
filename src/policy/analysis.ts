/** Questions asked of the policies that apply to a principal (its own, its groups', inline and managed). */
import type { Policy, Statement } from './document.js';
import { coversAction, coversAllResources } from './match.js';

/** Actions whose unconditional denial means a principal is not a full administrator. */
const ADMIN_PROBES = ['iam:AttachUserPolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'sts:AssumeRole', 'ec2:RunInstances', 's3:PutBucketPolicy', 'kms:Decrypt', 'organizations:LeaveOrganization'];
/** A NotAction that leaves these allowed still hands out IAM itself: full admin. */
const IAM_WRITE = ['iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:CreateUser'];

/** What one policy says about one action; a principal's answer combines those of its policies. */
interface ActionVerdict {
  /** Some Allow statement covers it (conditions and resources aside, so nothing is missed). */
  readonly allowed: boolean;
  /** Some Allow statement covers it on every resource. */
  readonly allowedEverywhere: boolean;
  /** An unconditional Deny on every resource covers it: the only kind that certainly blocks. */
  readonly deniedEverywhere: boolean;
}

/**
 * Answers per policy and action, computed once: one managed policy (ReadOnlyAccess, thousands of
 * patterns) is shared by thousands of principals, so each principal costs a few lookups.
 */
const verdicts = new WeakMap<Policy, Map<string, ActionVerdict>>();

function verdict(policy: Policy, action: string): ActionVerdict {
  let byAction = verdicts.get(policy);
  if (!byAction) verdicts.set(policy, (byAction = new Map<string, ActionVerdict>()));
  let result = byAction.get(action);
  if (!result) {
    let [allowed, allowedEverywhere, deniedEverywhere] = [false, false, false];
    for (const s of policy.statements) {
      if (!coversAction(s, action)) continue;
      if (s.effect === 'Allow') {
        allowed = true;
        allowedEverywhere ||= coversAllResources(s);
      } else deniedEverywhere ||= s.conditions.length === 0 && coversAllResources(s);
    }
    result = { allowed, allowedEverywhere, deniedEverywhere };
    byAction.set(action, result);
  }
  return result;
}

function deniedEverywhere(policies: readonly Policy[], action: string): boolean {
  return policies.some((p) => verdict(p, action).deniedEverywhere);
}

/** Allowed somewhere (conditions and resources aside, so nothing is missed) and not denied everywhere. */
export function allows(policies: readonly Policy[], action: string): boolean {
  return !deniedEverywhere(policies, action) && policies.some((p) => verdict(p, action).allowed);
}

const adminGrants = new WeakMap<Policy, string | null>();

/** The first statement of one policy that allows every action on every resource, in words. */
function adminGrant(policy: Policy): string | undefined {
  let grant = adminGrants.get(policy);
  if (grant === undefined) {
    grant = null;
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !coversAllResources(s)) continue;
      if (s.actions?.some((a) => a === '*' || a === '*:*')) grant = `${policy.name} allows "*" on "*"`;
      else if (s.notActions && IAM_WRITE.every((action) => coversAction(s, action))) grant = `${policy.name} allows every action except ${s.notActions.join(', ')} on "*"`;
      if (grant) break;
    }
    adminGrants.set(policy, grant);
  }
  return grant ?? undefined;
}

/**
 * Why these policies make a full administrator, or undefined: an Allow of every action (`*`,
 * `*:*`, or a NotAction that still leaves IAM writable) on every resource, not cancelled by an
 * unconditional Deny of a core action.
 */
export function fullAdminGrant(policies: readonly Policy[]): string | undefined {
  if (ADMIN_PROBES.some((action) => deniedEverywhere(policies, action))) return undefined;
  for (const policy of policies) {
    const grant = adminGrant(policy);
    if (grant) return grant;
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
  const assumeAny = policies.some((p) => verdict(p, 'sts:AssumeRole').allowedEverywhere);
  if (assumeAny && !deniedEverywhere(policies, 'sts:AssumeRole')) paths.push('sts:AssumeRole on "*" (assume any role that trusts the account)');
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
  return policies.find((policy) => policy.statements.some((s) => isMfaDeny(s) && SENSITIVE.every((action) => coversAction(s, action))))?.name;
}

