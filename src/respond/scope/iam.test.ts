import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountAuthorizationDetailsCommand, GetLoginProfileCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { iamReader } from './iam.js';
import { Provenance } from './provenance.js';
import type { ReadContext } from './reader.js';

/** A reason that names the error code. */
const containing = (text: string) => expect.stringContaining(text) as string;

const iam = mockClient(IAMClient);
const SINCE = new Date('2026-11-28T00:00:00Z');
const OLD = new Date('2025-01-01T00:00:00Z');
const NEW = new Date('2026-11-28T02:00:00Z');
const context = (): ReadContext => ({ aws: testContext(), account: TEST_ACCOUNT, region: 'us-east-1', since: SINCE, provenance: () => Promise.resolve(new Provenance([])) });
const encoded = (doc: object) => encodeURIComponent(JSON.stringify(doc));
const trust = (principal: object) => encoded({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

describe('the IAM scope reader', () => {
  beforeEach(() => {
    iam.reset();
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    iam.on(GetLoginProfileCommand).rejects(awsError('NoSuchEntityException', 'Login Profile for User cannot be found.', 404));
  });

  it('reads every page of users, roles and policies and keeps only what was made since T', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        UserDetailList: [
          { UserName: 'old', Arn: 'arn:aws:iam::123456789012:user/old', CreateDate: OLD },
          { UserName: 'intruder', Arn: 'arn:aws:iam::123456789012:user/intruder', CreateDate: NEW, AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
        ],
        IsTruncated: true,
        Marker: 'm1',
      })
      .resolvesOnce({
        RoleDetailList: [
          { RoleName: 'web', Arn: 'arn:aws:iam::123456789012:role/web', CreateDate: OLD, AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) },
          { RoleName: 'backdoor', Arn: 'arn:aws:iam::123456789012:role/backdoor', CreateDate: NEW, AssumeRolePolicyDocument: trust({ AWS: '999999999999' }) },
        ],
        Policies: [
          {
            PolicyName: 'deploy',
            Arn: 'arn:aws:iam::123456789012:policy/deploy',
            CreateDate: OLD,
            AttachmentCount: 3,
            PolicyVersionList: [
              { VersionId: 'v1', CreateDate: OLD, IsDefaultVersion: false, Document: encoded({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) },
              { VersionId: 'v2', CreateDate: NEW, IsDefaultVersion: true, Document: encoded({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
            ],
          },
        ],
        IsTruncated: false,
      });
    iam.on(ListAccessKeysCommand, { UserName: 'old' }).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', CreateDate: OLD, Status: 'Active' }, { AccessKeyId: 'AKIABACKDOOR', CreateDate: NEW, Status: 'Active' }] });
    iam.on(GetLoginProfileCommand, { UserName: 'intruder' }).resolves({ LoginProfile: { UserName: 'intruder', CreateDate: NEW } });
    const { items, unreadable } = await iamReader.read(context());
    expect(unreadable).toEqual([]);
    expect(items.map((i) => [i.kind, i.id, i.notes])).toEqual([
      ['iam-policy-version', 'arn:aws:iam::123456789012:policy/deploy:v2', ['new version of a policy that existed before T, now the default', 'grants full admin (arn:aws:iam::123456789012:policy/deploy v2 allows "*" on "*")']],
      ['iam-role', 'backdoor', ['trusted by foreign account 999999999999']],
      ['iam-access-key', 'AKIABACKDOOR', ['new key on a user that existed before T']],
      ['iam-login-profile', 'intruder', []],
      ['iam-user', 'intruder', ['admin policy attached (AdministratorAccess)', 'console password']],
    ]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[1]?.args[0].input).toMatchObject({ Marker: 'm1' });
  });

  it('a denied GetLoginProfile leaves console passwords unknown while keys are still read', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [{ UserName: 'old', Arn: 'arn:aws:iam::123456789012:user/old', CreateDate: OLD }] });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIANEW', CreateDate: NEW, Status: 'Active' }] });
    iam.on(GetLoginProfileCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: iam:GetLoginProfile', 403));
    const { items, unreadable } = await iamReader.read(context());
    expect(items.map((i) => i.id)).toEqual(['AKIANEW']);
    expect(unreadable).toEqual([{ kind: 'iam-login-profile', region: 'global', permission: 'iam:GetLoginProfile', reason: containing('AccessDenied') }]);
  });

  it('without the authorization details every IAM kind is unknown', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('Throttling', 'Rate exceeded', 400));
    const { items, unreadable } = await iamReader.read(context());
    expect(items).toEqual([]);
    expect(unreadable.map((u) => u.kind)).toEqual(['iam-user', 'iam-access-key', 'iam-login-profile', 'iam-role', 'iam-policy', 'iam-policy-version']);
  });

  it('an empty account has nothing new', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], RoleDetailList: [], Policies: [] });
    expect(await iamReader.read(context())).toEqual({ items: [], unreadable: [] });
  });
});
