import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AWSOrganizationsNotInUseException, DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { collectOrganization } from './organization.js';
import { awsError, testContext } from '../../../test/support/aws.js';

const organizations = mockClient(OrganizationsClient);

describe('collectOrganization', () => {
  beforeEach(() => organizations.reset());

  it('reads the organisation and its management account', async () => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', MasterAccountId: '444455556666', Arn: 'arn:aws:organizations::444455556666:organization/o-abc123' } });
    expect(await collectOrganization(testContext(), 'us-east-1')).toEqual({ id: 'o-abc123', managementAccountId: '444455556666' });
  });

  it('treats a standalone account as no organisation, not as an error', async () => {
    organizations.on(DescribeOrganizationCommand).rejects(new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata: {} }));
    expect(await collectOrganization(testContext(), 'us-east-1')).toBeNull();
  });

  it('lets AccessDenied through', async () => {
    organizations.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    await expect(collectOrganization(testContext(), 'us-east-1')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
