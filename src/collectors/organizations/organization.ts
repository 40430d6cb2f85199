import type { AwsContext } from '../../aws/context.js';
import { globalCollector, orWhenAbsent } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** The organisation the account belongs to, if any: its management account may be trusted by design. */
export const organization = globalCollector({
  key: 'organizations.organization',
  service: 'organizations',
  operations: ['DescribeOrganization'],
  collect: collectOrganization,
});

export async function collectOrganization(aws: AwsContext, region: string): Promise<{ id: string; managementAccountId: string } | null> {
  const { OrganizationsClient, DescribeOrganizationCommand } = awsSdk('organizations');
  const client = aws.client('organizations', region, OrganizationsClient);
  // A standalone account answers AWSOrganizationsNotInUseException: no organisation, not an error.
  const response = await orWhenAbsent(() => client.send(new DescribeOrganizationCommand({})), ['AWSOrganizationsNotInUseException'], undefined);
  const organization = response?.Organization;
  return organization?.Id && organization.MasterAccountId ? { id: organization.Id, managementAccountId: organization.MasterAccountId } : null;
}
