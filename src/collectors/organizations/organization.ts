import type { AwsContext } from '../../aws/context.js';
import { globalCollector } from '../collector.js';

/** The organisation the account belongs to, if any: its management account may be trusted by design. */
export const organization = globalCollector({
  key: 'organizations.organization',
  service: 'organizations',
  operations: ['DescribeOrganization'],
  collect: collectOrganization,
});

export async function collectOrganization(aws: AwsContext, region: string): Promise<{ id: string; managementAccountId: string } | null> {
  const { OrganizationsClient, DescribeOrganizationCommand } = await import('@aws-sdk/client-organizations');
  try {
    const { Organization } = await aws.client('organizations', region, OrganizationsClient).send(new DescribeOrganizationCommand({}));
    return Organization?.Id && Organization.MasterAccountId ? { id: Organization.Id, managementAccountId: Organization.MasterAccountId } : null;
  } catch (error) {
    if ((error as Error).name === 'AWSOrganizationsNotInUseException') return null;
    throw error;
  }
}
