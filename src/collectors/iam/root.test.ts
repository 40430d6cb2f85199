import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountSummaryCommand, IAMClient, ListOrganizationsFeaturesCommand } from '@aws-sdk/client-iam';
import { rootCredentialsManagement, rootSummary } from './root.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const iam = mockClient(IAMClient);
const read = (collector: typeof rootSummary) => collector.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory());

describe('root collectors', () => {
  beforeEach(() => iam.reset());

  it("reads root's MFA, keys and password from GetAccountSummary", async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 0, Users: 12, UsersQuota: 5000 } });
    expect(await read(rootSummary)).toEqual({ mfaEnabled: true, accessKeysPresent: false, passwordPresent: false });
  });

  it('leaves the password out where IAM does not report it', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    expect(await read(rootSummary)).toEqual({ mfaEnabled: false, accessKeysPresent: true });
  });

  it.each([
    ['both features', { OrganizationId: 'o-exampleorgid', EnabledFeatures: ['RootCredentialsManagement', 'RootSessions'] as const }, true],
    ['root sessions only', { OrganizationId: 'o-exampleorgid', EnabledFeatures: ['RootSessions'] as const }, false],
    ['none', { OrganizationId: 'o-exampleorgid', EnabledFeatures: [] }, false],
  ])('ListOrganizationsFeatures with %s', async (_name, response, expected) => {
    iam.on(ListOrganizationsFeaturesCommand).resolves({ ...response, EnabledFeatures: [...response.EnabledFeatures] });
    expect(await read(rootCredentialsManagement)).toBe(expected);
  });

  it.each(['OrganizationNotFoundException', 'OrganizationNotInAllFeaturesModeException', 'ServiceAccessNotEnabledException'])('%s: the feature cannot be on', async (code) => {
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError(code, 'rejected', 400));
    expect(await read(rootCredentialsManagement)).toBe(false);
  });

  it.each([
    ['a member account may not ask', 'AccountNotManagementOrDelegatedAdministratorException', 400],
    ['the permission is missing', 'AccessDenied', 403],
  ])('%s: an error, not a verdict', async (_name, code, status) => {
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError(code, 'rejected', status));
    await expect(read(rootCredentialsManagement)).rejects.toMatchObject({ name: code });
  });
});
