import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountPasswordPolicyCommand, IAMClient, ListVirtualMFADevicesCommand, NoSuchEntityException } from '@aws-sdk/client-iam';
import { collectPasswordPolicy, virtualMfaDevices } from './account.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const iam = mockClient(IAMClient);

describe('password policy collector', () => {
  beforeEach(() => iam.reset());

  it('reads the policy, leaving out expiry and reuse when they are off', async () => {
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: { MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false },
    });
    expect(await collectPasswordPolicy(testContext(), 'us-east-1')).toEqual({
      minimumLength: 12,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: false,
      requireLowercase: true,
      allowUsersToChange: true,
      hardExpiry: false,
    });
  });

  it('treats NoSuchEntity as "no policy", not as an error', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'The Password Policy with domain name 123456789012 cannot be found.', $metadata: {} }));
    expect(await collectPasswordPolicy(testContext(), 'us-east-1')).toBeNull();
  });

  it('lets AccessDenied through to become not collected', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    await expect(collectPasswordPolicy(testContext(), 'us-east-1')).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('virtual MFA device collector', () => {
  beforeEach(() => iam.reset());

  it('reads every page, including unassigned devices', async () => {
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', User: { Arn: 'arn:aws:iam::123456789012:root', UserName: '', UserId: '123456789012', Path: '/', CreateDate: new Date() }, EnableDate: new Date('2024-01-01T00:00:00Z') }], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/spare' }], IsTruncated: false });
    expect(await virtualMfaDevices.collect(testContext(), 'us-east-1', TEST_ACCOUNT, inventory())).toEqual([
      { serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::123456789012:root', enabledAt: '2024-01-01T00:00:00.000Z' },
      { serialNumber: 'arn:aws:iam::123456789012:mfa/spare' },
    ]);
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)).toHaveLength(2);
  });
});
