import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { DeletePublicAccessBlockCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsError, testContext } from '../../test/support/aws.js';
import { executeCall, resolveCall } from './execute.js';
import { CHECKS } from '../checks/index.js';

const iam = mockClient(IAMClient);
const s3control = mockClient(S3ControlClient);
afterEach(() => {
  iam.reset();
  s3control.reset();
});

describe('executeCall', () => {
  it('maps the action to the SDK client and command, global to the home region', async () => {
    iam.on(UpdateAccessKeyCommand).resolves({});
    const aws = testContext();
    await executeCall(aws, { action: 'iam:UpdateAccessKey', region: 'global', input: { UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Inactive' } }, 'us-east-1');
    expect(iam.commandCalls(UpdateAccessKeyCommand).map((c) => c.args[0].input)).toEqual([{ UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Inactive' }]);
    expect(await (iam.call(0).thisValue as IAMClient).config.region()).toBe('us-east-1');
  });

  it('uses the sdk override where the permission and the operation differ', async () => {
    s3control.on(PutPublicAccessBlockCommand).resolves({});
    s3control.on(DeletePublicAccessBlockCommand).resolves({});
    const aws = testContext();
    await executeCall(aws, { action: 's3:PutAccountPublicAccessBlock', sdk: 'S3Control.PutPublicAccessBlock', region: 'global', input: { AccountId: '123456789012', PublicAccessBlockConfiguration: { BlockPublicAcls: true } } }, 'eu-west-1');
    await executeCall(aws, { action: 's3:PutAccountPublicAccessBlock', sdk: 'S3Control.DeletePublicAccessBlock', region: 'global', input: { AccountId: '123456789012' } }, 'eu-west-1');
    expect(s3control.commandCalls(PutPublicAccessBlockCommand)).toHaveLength(1);
    expect(s3control.commandCalls(DeletePublicAccessBlockCommand)).toHaveLength(1);
  });

  it('passes AWS errors through, tagged with the operation', async () => {
    iam.on(UpdateAccessKeyCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: iam:UpdateAccessKey', 403));
    await expect(executeCall(testContext(), { action: 'iam:UpdateAccessKey', region: 'global', input: {} }, 'us-east-1')).rejects.toMatchObject({ name: 'AccessDenied', bulwarkOperation: 'iam:UpdateAccessKey' });
  });

  it('refuses what it cannot map', async () => {
    expect(resolveCall({ action: 'nosuch:DoIt' })).toEqual({ error: 'no SDK client for nosuch:DoIt' });
    await expect(executeCall(testContext(), { action: 'iam:NoSuchOperation', region: 'global', input: {} }, 'us-east-1')).rejects.toThrow(/the AWS SDK has no IAM.NoSuchOperation/);
  });

  it('every action a fixer declares maps to an SDK client', () => {
    const actions = CHECKS.flatMap((c) => c.fix?.actions ?? []);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((action) => [action, 'error' in resolveCall({ action })])).toEqual(actions.map((action) => [action, false]));
  });
});
