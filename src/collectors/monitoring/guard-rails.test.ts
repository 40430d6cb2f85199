import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigServiceClient, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { DescribeHubCommand, InvalidAccessException, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { guardRails } from './guard-rails.js';
import { kmsKeys } from './kms.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';

const config = mockClient(ConfigServiceClient);
const hub = mockClient(SecurityHubClient);
const analyzer = mockClient(AccessAnalyzerClient);
const kms = mockClient(KMSClient);

describe('guard rail and KMS collectors', () => {
  beforeEach(() => {
    config.reset();
    hub.reset();
    analyzer.reset();
    kms.reset();
  });

  it('reads Config, Security Hub and Access Analyzer; "not subscribed" is off, a denial is not collected', async () => {
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    hub.on(DescribeHubCommand).rejects(new InvalidAccessException({ message: 'Account is not subscribed to AWS Security Hub', $metadata: {} }));
    analyzer.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    expect(await guardRails.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory())).toEqual({
      configRecording: { status: 'collected', value: true },
      securityHub: { status: 'collected', value: false },
      accessAnalyzer: { status: 'not-collected', kind: 'access-denied', operation: 'accessanalyzer:ListAnalyzers', errorCode: 'AccessDeniedException', message: 'not authorized', permission: 'access-analyzer:ListAnalyzers' },
    });
  });

  it('asks rotation status only of enabled, customer-managed, symmetric keys', async () => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'k-aws' }, { KeyId: 'k-mine' }, { KeyId: 'k-rsa' }] });
    kms.on(DescribeKeyCommand, { KeyId: 'k-aws' }).resolves({ KeyMetadata: { KeyId: 'k-aws', Arn: 'arn:k-aws', KeyManager: 'AWS', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT' } });
    kms.on(DescribeKeyCommand, { KeyId: 'k-mine' }).resolves({ KeyMetadata: { KeyId: 'k-mine', Arn: 'arn:k-mine', KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', Origin: 'AWS_KMS' } });
    kms.on(DescribeKeyCommand, { KeyId: 'k-rsa' }).resolves({ KeyMetadata: { KeyId: 'k-rsa', Arn: 'arn:k-rsa', KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'RSA_2048' } });
    kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    const keys = await kmsKeys.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, inventory());
    expect(keys).toEqual([
      { id: 'k-aws', arn: 'arn:k-aws', manager: 'AWS', state: 'Enabled', spec: 'SYMMETRIC_DEFAULT' },
      { id: 'k-mine', arn: 'arn:k-mine', manager: 'CUSTOMER', state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', rotation: { status: 'collected', value: false } },
      { id: 'k-rsa', arn: 'arn:k-rsa', manager: 'CUSTOMER', state: 'Enabled', spec: 'RSA_2048' },
    ]);
    expect(kms.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(1);
  });
});
