/**
 * What else tells about the root user: GetAccountSummary's counts (when the credential report has
 * no root row), and whether the organisation manages member accounts' root credentials centrally.
 */
import type { AwsContext } from '../../aws/context.js';
import type { RootSummary } from '../../inventory/schema.js';
import { globalCollector, orWhenAbsent } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const rootSummary = globalCollector({
  key: 'iam.rootSummary',
  service: 'iam',
  operations: ['GetAccountSummary'],
  collect: async (aws, region): Promise<RootSummary> => {
    const { IAMClient, GetAccountSummaryCommand } = awsSdk('iam');
    const { SummaryMap = {} } = await aws.client('iam', region, IAMClient).send(new GetAccountSummaryCommand({}));
    const summary = SummaryMap as Record<string, number | undefined>;
    return {
      mfaEnabled: (summary.AccountMFAEnabled ?? 0) > 0,
      accessKeysPresent: (summary.AccountAccessKeysPresent ?? 0) > 0,
      ...(summary.AccountPasswordPresent !== undefined ? { passwordPresent: summary.AccountPasswordPresent > 0 } : {}),
    };
  },
});

/**
 * Without an organisation, without all features, or without IAM's trusted access the feature
 * cannot be on: false. A member account may not ask (AccountNotManagementOrDelegatedAdministrator):
 * that stays a reason, and no check assumes the feature either way.
 */
const CANNOT_BE_ON = ['OrganizationNotFoundException', 'OrganizationNotInAllFeaturesModeException', 'ServiceAccessNotEnabledException'];

export const rootCredentialsManagement = globalCollector({
  key: 'iam.rootCredentialsManagement',
  service: 'iam',
  operations: ['ListOrganizationsFeatures'],
  collect: (aws, region) => readRootCredentialsManagement(aws, region),
});

/** Also read once by `scan --org` in the management account, for the members that may not ask. */
export async function readRootCredentialsManagement(aws: AwsContext, region: string): Promise<boolean> {
  const { IAMClient, ListOrganizationsFeaturesCommand } = awsSdk('iam');
  const response = await orWhenAbsent(() => aws.client('iam', region, IAMClient).send(new ListOrganizationsFeaturesCommand({})), CANNOT_BE_ON, undefined);
  return response?.EnabledFeatures?.includes('RootCredentialsManagement') ?? false;
}
