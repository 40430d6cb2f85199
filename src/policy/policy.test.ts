import { describe, expect, it } from 'vitest';
import { decodePolicyDocument, isPolicy, parsePolicy, type Policy } from './document.js';
import { wildcardMatch } from './match.js';
import { allows, escalationPaths, fullAdminGrant, mfaEnforcedBy } from './analysis.js';
import { riskyTrustees, trustees } from './trust.js';

const policy = (name: string, ...statements: object[]): Policy => {
  const parsed = parsePolicy(name, { Version: '2012-10-17', Statement: statements });
  if (!isPolicy(parsed)) throw new Error(parsed.error);
  return parsed;
};
const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('parsePolicy', () => {
  it('reads a single Statement object, string fields and URL-encoded text', () => {
    const encoded = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }));
    const parsed = parsePolicy('p', decodePolicyDocument(encoded));
    expect(parsed).toEqual({ name: 'p', statements: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], conditions: [] }] });
  });

  it('normalises principals and conditions, booleans included', () => {
    const parsed = parsePolicy('trust', {
      Statement: [{ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'], Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } } }],
    });
    expect(isPolicy(parsed) && parsed.statements[0]).toMatchObject({
      principals: { anyone: true, aws: ['arn:aws:iam::111122223333:root', '*'], service: ['ec2.amazonaws.com'], federated: [] },
      conditions: [{ operator: 'Bool', key: 'aws:multifactorauthpresent', values: ['true'] }],
    });
  });

  it.each([
    ['not JSON', '{"Statement": [', /JSON/],
    ['no Statement', { Version: '2012-10-17' }, /no Statement/],
    ['a bad Effect', { Statement: { Effect: 'Permit', Action: '*' } }, /statement 1 has Effect "Permit", not Allow or Deny/],
    ['both Action and NotAction', { Statement: [{ Effect: 'Allow', Action: '*', NotAction: 'iam:*' }] }, /exactly one of Action and NotAction/],
    ['a number as action', { Statement: [{ Effect: 'Allow', Action: 42 }] }, /statement 1 Action must be a string/],
    ['a bad Principal', { Statement: [{ Effect: 'Allow', Action: '*', Principal: 'everyone' }] }, /Principal must be "\*" or an object/],
  ])('reports %s instead of throwing', (_name, document, message) => {
    const parsed = parsePolicy('bad', document);
    expect(isPolicy(parsed)).toBe(false);
    expect(!isPolicy(parsed) && parsed.error).toMatch(message);
  });
});

describe('wildcardMatch', () => {
  it.each([
    ['*', 'iam:PassRole', true],
    ['iam:*', 'IAM:PassRole', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['ec2:Describe?ecurityGroups', 'ec2:DescribeSecurityGroups', true],
    ['iam:Pass', 'iam:PassRole', false],
  ])('%s ~ %s = %s', (pattern, action, expected) => expect(wildcardMatch(pattern, action)).toBe(expected));
});

describe('fullAdminGrant', () => {
  it.each([
    ['Allow * on *', [policy('AdministratorAccess', ADMIN)], /AdministratorAccess allows "\*" on "\*"/],
    ['Allow *:* on *', [policy('p', { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] })], /allows "\*"/],
    ['NotAction that leaves IAM', [policy('p', { Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' })], /every action except s3:\* on "\*"/],
    ['spread over two policies, one with a condition', [policy('a', { Effect: 'Allow', Action: 's3:*', Resource: '*' }), policy('b', { ...ADMIN, Condition: { Bool: { 'aws:SecureTransport': 'true' } } })], /b allows/],
  ])('admin: %s', (_name, policies, reason) => expect(fullAdminGrant(policies)).toMatch(reason));

  it.each([
    ['PowerUserAccess (NotAction iam:*, organizations:*, account:*)', [policy('PowerUserAccess', { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })]],
    ['* on one bucket only', [policy('p', { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' })]],
    ['every service listed by hand but not *', [policy('p', { Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' })]],
    ['admin cancelled by an unconditional Deny of IAM', [policy('p', ADMIN, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })]],
    ['a Deny *', [policy('a', ADMIN), policy('b', { Effect: 'Deny', Action: '*', Resource: '*' })]],
  ])('not admin: %s', (_name, policies) => expect(fullAdminGrant(policies)).toBeUndefined());

  it('keeps a conditional Deny from cancelling admin (it may not apply)', () => {
    expect(fullAdminGrant([policy('p', ADMIN, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })])).toBeDefined();
  });
});

describe('escalationPaths', () => {
  it('finds single-action and combined paths', () => {
    const paths = escalationPaths([policy('p', { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances', 'iam:CreatePolicyVersion'], Resource: '*' })]);
    expect(paths).toEqual(['iam:CreatePolicyVersion (rewrite a managed policy it is attached to)', 'iam:PassRole + ec2:RunInstances (launch an instance with a more powerful role)']);
  });

  it('needs every action of a combined path', () => {
    expect(escalationPaths([policy('p', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })])).toEqual([]);
  });

  it('sees wildcards and respects an unconditional Deny', () => {
    expect(escalationPaths([policy('p', { Effect: 'Allow', Action: 'iam:Put*', Resource: '*' })])).toContain('iam:PutUserPolicy (write itself an inline policy)');
    expect(escalationPaths([policy('p', { Effect: 'Allow', Action: 'iam:Put*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })])).toEqual([]);
  });

  it('counts sts:AssumeRole on * but not on one role', () => {
    expect(escalationPaths([policy('p', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })])).toEqual(['sts:AssumeRole on "*" (assume any role that trusts the account)']);
    expect(escalationPaths([policy('p', { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/ReadOnly' })])).toEqual([]);
  });

  it('does not call read-only access an escalation', () => {
    expect(escalationPaths([policy('ReadOnlyAccess', { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:Get*'], Resource: '*' })])).toEqual([]);
    expect(allows([policy('p', { Effect: 'Allow', Action: 's3:Get*', Resource: '*' })], 's3:PutObject')).toBe(false);
  });
});

describe('mfaEnforcedBy', () => {
  const forceMfa = {
    Sid: 'DenyAllExceptListedIfNoMFA',
    Effect: 'Deny',
    NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
    Resource: '*',
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  };

  it.each([
    ["AWS's Force_MFA example (NotAction + BoolIfExists false)", forceMfa],
    ['Bool false on *', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': false } } }],
    ['Null true', { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } } }],
  ])('enforces: %s', (_name, statement) => expect(mfaEnforcedBy([policy('ForceMFA', statement)])).toBe('ForceMFA'));

  it.each([
    ['an Allow with MFA true (does not deny anything)', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    ['a Deny without an MFA condition', { Effect: 'Deny', Action: '*', Resource: '*' }],
    ['a Deny of one harmless action', { Effect: 'Deny', Action: 's3:ListAllMyBuckets', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
  ])('does not enforce: %s', (_name, statement) => expect(mfaEnforcedBy([policy('p', statement)])).toBeUndefined());
});

describe('trust policies', () => {
  const trust = (...statements: object[]) => policy('trust', ...statements);
  const own = '123456789012';

  it('classifies who can assume', () => {
    expect(
      trustees(trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${own}:root`, Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }, { Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }), own),
    ).toEqual([
      { principal: `arn:aws:iam::${own}:root`, kind: 'account', restrictedBy: [] },
      { principal: 'lambda.amazonaws.com', kind: 'service', restrictedBy: [] },
      { principal: '999988887777', kind: 'other-account', restrictedBy: ['sts:externalid StringEquals'] },
    ]);
  });

  it.each([
    ['anyone', { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, ['*']],
    ['AWS: * even with an unrelated condition', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }, ['*']],
    ['an Allow with NotPrincipal (everyone but one)', { Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${own}:role/admin` }, Action: 'sts:AssumeRole' }, [`everyone except arn:aws:iam::${own}:role/admin`]],
    ['a wildcard account in the ARN', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 'sts:AssumeRole' }, ['arn:aws:iam::*:root']],
    ['another account without external id', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' }, ['arn:aws:iam::999988887777:root']],
    ['GitHub OIDC without a subject condition', { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${own}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }, [`arn:aws:iam::${own}:oidc-provider/token.actions.githubusercontent.com`]],
    ['GitHub OIDC pinned only by audience (any repository)', { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${own}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }, [`arn:aws:iam::${own}:oidc-provider/token.actions.githubusercontent.com`]],
  ])('risky: %s', (_name, statement, principals) => expect(riskyTrustees(trust(statement), own).map((t) => t.principal)).toEqual(principals));

  it.each([
    ['own account', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${own}:role/ci` }, Action: 'sts:AssumeRole' }],
    ['anyone in the organisation', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }],
    ['GitHub OIDC pinned to a repository', { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${own}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } } }],
    ['a service', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    ['a Deny statement', { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }],
  ])('not risky: %s', (_name, statement) => expect(riskyTrustees(trust(statement), own)).toEqual([]));

  it('accepts accounts the config names as trusted', () => {
    expect(riskyTrustees(trust({ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sts:AssumeRole' }), own, ['999988887777'])).toEqual([]);
  });
});
