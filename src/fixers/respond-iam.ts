/**
 * IAM containment steps for `bulwark respond --contain`: deactivate (never delete) a key, deny
 * everything to a user or role with an inline policy, and revoke a role's sessions issued before
 * now. Plain data, like every fixer: execute.ts runs the calls.
 */
import type { FixCall, FixStep } from '../core/fix-plan.js';
import { shortKeyId } from './iam.js';

export const RESPOND_IAM_ACTIONS = ['iam:UpdateAccessKey', 'iam:PutUserPolicy', 'iam:DeleteUserPolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy'] as const;

/** Inline policy names respond writes: fixed, so a later run (and a person) recognises them. */
export const DENY_ALL_POLICY = 'BulwarkRespondDenyAll';
export const REVOKE_SESSIONS_POLICY = 'BulwarkRespondRevokeOlderSessions';

const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'BulwarkRespondDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }] });

/** The document AWS's own "revoke active sessions" writes in spirit: deny to every credential issued before `now`. */
export function revokeSessionsDocument(now: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'BulwarkRespondRevokeOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': now.toISOString() } } }],
  });
}

export function deactivateKey(userName: string, keyId: string, why: string): FixStep {
  const call = (Status: 'Active' | 'Inactive'): FixCall => ({ action: 'iam:UpdateAccessKey', region: 'global', input: { UserName: userName, AccessKeyId: keyId, Status } });
  return {
    key: `respond:deactivate-key:${keyId}`,
    title: `Deactivate access key ${shortKeyId(keyId)} of ${userName}`,
    before: `Active (${why})`,
    after: 'Inactive: kept for the investigation, can be switched back on',
    calls: [call('Inactive')],
    undo: [call('Active')],
    risk: 'may-disrupt',
    riskNote: 'whatever signs with this key stops working, the intruder included',
  };
}

export function denyAllUser(userName: string, why: string): FixStep {
  return {
    key: `respond:deny-user:${userName}`,
    title: `Deny every action to user ${userName}`,
    before: why,
    after: `inline policy ${DENY_ALL_POLICY} denies * on *: an explicit deny beats every allow, console and keys alike`,
    calls: [{ action: 'iam:PutUserPolicy', region: 'global', input: { UserName: userName, PolicyName: DENY_ALL_POLICY, PolicyDocument: DENY_ALL } }],
    undo: [{ action: 'iam:DeleteUserPolicy', region: 'global', input: { UserName: userName, PolicyName: DENY_ALL_POLICY } }],
    risk: 'may-disrupt',
    riskNote: 'the user can do nothing until the policy is removed (undo deletes it)',
  };
}

export function denyAllRole(roleName: string, why: string): FixStep {
  return {
    key: `respond:deny-role:${roleName}`,
    title: `Deny every action to role ${roleName}`,
    before: why,
    after: `inline policy ${DENY_ALL_POLICY} denies * on * to every session of the role, present and future`,
    calls: [{ action: 'iam:PutRolePolicy', region: 'global', input: { RoleName: roleName, PolicyName: DENY_ALL_POLICY, PolicyDocument: DENY_ALL } }],
    undo: [{ action: 'iam:DeleteRolePolicy', region: 'global', input: { RoleName: roleName, PolicyName: DENY_ALL_POLICY } }],
    risk: 'may-disrupt',
    riskNote: 'everything that assumes this role stops working until the policy is removed',
  };
}

/** Sessions issued before `now` lose every permission; new ones (after the intruder's access is cut) work. */
export function revokeRoleSessions(roleName: string, now: Date, why: string): FixStep {
  return {
    key: `respond:revoke-sessions:${roleName}`,
    title: `Revoke the sessions of role ${roleName} issued before ${now.toISOString()}`,
    before: why,
    after: `inline policy ${REVOKE_SESSIONS_POLICY} denies * to credentials with aws:TokenIssueTime before ${now.toISOString()}`,
    calls: [{ action: 'iam:PutRolePolicy', region: 'global', input: { RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY, PolicyDocument: revokeSessionsDocument(now) } }],
    undo: [{ action: 'iam:DeleteRolePolicy', region: 'global', input: { RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY } }],
    risk: 'may-disrupt',
    riskNote: 'running workloads with a session of the role get AccessDenied until they assume it again',
  };
}
