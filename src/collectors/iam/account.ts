/** Account-wide IAM settings: one call each (plus pages of virtual MFA devices). */
import type { AwsContext } from '../../aws/context.js';
import type { PasswordPolicy, VirtualMfaDevice } from '../../inventory/schema.js';
import { globalCollector, orWhenAbsent } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

function iamClient(aws: AwsContext, region: string) {
  const sdk = awsSdk('iam');
  return { sdk, iam: aws.client('iam', region, sdk.IAMClient) };
}

export const passwordPolicy = globalCollector({
  key: 'iam.passwordPolicy',
  service: 'iam',
  operations: ['GetAccountPasswordPolicy'],
  collect: collectPasswordPolicy,
});

/** The account password policy, or null when there is none (a finding, not an error). */
export async function collectPasswordPolicy(aws: AwsContext, region: string): Promise<PasswordPolicy | null> {
  const { sdk, iam } = iamClient(aws, region);
  // NoSuchEntity: the account has no password policy, which is a finding, not an error.
  const response = await orWhenAbsent(() => iam.send(new sdk.GetAccountPasswordPolicyCommand({})), ['NoSuchEntityException', 'NoSuchEntity'], undefined);
  const p = response?.PasswordPolicy;
  if (!p) return null;
  return {
    minimumLength: p.MinimumPasswordLength ?? 8,
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercase: p.RequireUppercaseCharacters ?? false,
    requireLowercase: p.RequireLowercaseCharacters ?? false,
    allowUsersToChange: p.AllowUsersToChangePassword ?? false,
    ...(p.ExpirePasswords && p.MaxPasswordAge ? { maxAgeDays: p.MaxPasswordAge } : {}),
    ...(p.PasswordReusePrevention ? { reusePrevention: p.PasswordReusePrevention } : {}),
    hardExpiry: p.HardExpiry ?? false,
  };
}

export const virtualMfaDevices = globalCollector({
  key: 'iam.virtualMfaDevices',
  service: 'iam',
  operations: ['ListVirtualMFADevices'],
  collect: async (aws, region): Promise<VirtualMfaDevice[]> => {
    const { sdk, iam } = iamClient(aws, region);
    const devices: VirtualMfaDevice[] = [];
    for await (const page of sdk.paginateListVirtualMFADevices({ client: iam, pageSize: 1000 }, {})) {
      for (const d of page.VirtualMFADevices ?? []) {
        devices.push({
          serialNumber: d.SerialNumber ?? '',
          ...(d.User?.Arn ? { userArn: d.User.Arn } : {}),
          ...(d.EnableDate ? { enabledAt: d.EnableDate.toISOString() } : {}),
        });
      }
    }
    return devices;
  },
});
