import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { collectAuthorization } from './authorization.js';
import { testContext } from '../../../test/support/aws.js';

const iam = mockClient(IAMClient);
const enc = (document: object) => encodeURIComponent(JSON.stringify(document));
const created = new Date('2024-01-01T00:00:00Z');

describe('collectAuthorization', () => {
  beforeEach(() => iam.reset());

  it('reads every page and URL-decodes every document', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::123456789012:user/alice', Path: '/', GroupList: ['devs'], AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', PolicyName: 'ReadOnlyAccess' }], UserPolicyList: [{ PolicyName: 'own', PolicyDocument: enc({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }) }], Tags: [{ Key: 'team', Value: 'data' }] }],
        IsTruncated: true,
        Marker: 'page-2',
      })
      .resolvesOnce({
        GroupDetailList: [{ GroupName: 'devs', Arn: 'arn:aws:iam::123456789012:group/devs', Path: '/', GroupPolicyList: [], AttachedManagedPolicies: [] }],
        RoleDetailList: [{ RoleName: 'app', Arn: 'arn:aws:iam::123456789012:role/app', Path: '/', AssumeRolePolicyDocument: enc({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), RoleLastUsed: { LastUsedDate: created }, RoleId: 'AROA', CreateDate: created }],
        Policies: [
          { PolicyName: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', AttachmentCount: 3, DefaultVersionId: 'v9', PolicyVersionList: [{ VersionId: 'v8', IsDefaultVersion: false, Document: enc({ Statement: [] }) }, { VersionId: 'v9', IsDefaultVersion: true, Document: enc({ Statement: [{ Effect: 'Allow', Action: '*:Get*', Resource: '*' }] }) }] },
          { PolicyName: 'custom', Arn: 'arn:aws:iam::123456789012:policy/team/custom', AttachmentCount: 0, DefaultVersionId: 'v1', PolicyVersionList: [] },
        ],
        IsTruncated: false,
      });

    const auth = await collectAuthorization(testContext(), 'us-east-1');

    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(auth.users).toEqual([{ name: 'alice', arn: 'arn:aws:iam::123456789012:user/alice', path: '/', groups: ['devs'], attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], inlinePolicies: [{ name: 'own', document: '{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}' }], tags: { team: 'data' } }]);
    expect(auth.groups.map((g) => g.name)).toEqual(['devs']);
    expect(auth.roles[0]).toMatchObject({ name: 'app', trustPolicy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}', lastUsedAt: '2024-01-01T00:00:00.000Z' });
    expect(auth.policies).toEqual([
      { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess', awsManaged: true, attachmentCount: 3, document: '{"Statement":[{"Effect":"Allow","Action":"*:Get*","Resource":"*"}]}' },
      { arn: 'arn:aws:iam::123456789012:policy/team/custom', name: 'custom', awsManaged: false, attachmentCount: 0 },
    ]);
  });

  it('collects an account with no users, groups or roles', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ IsTruncated: false });
    expect(await collectAuthorization(testContext(), 'us-east-1')).toEqual({ users: [], groups: [], roles: [], policies: [] });
  });
});
