import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAws, type FakeAws } from '../../test/support/fake-aws.js';
import { testContext } from '../../test/support/aws.js';
import { toNotCollected } from './errors.js';

describe('toNotCollected of a 403 whose body is not an AWS error', () => {
  let fake: FakeAws | undefined;
  afterEach(async () => fake?.close());

  it.each([
    ['HTML from a corporate proxy', '<html><body><h1>403 Forbidden</h1></body></html>', 'text/html'],
    ['XML an emulator made up', '<?xml version="1.0"?><Denied><Why>policy</Why></Denied>', 'text/xml'],
    ['nothing at all', '', 'text/plain'],
  ])('still names the permission, for every protocol: %s', async (_name, body, contentType) => {
    fake = await startFakeAws(() => ({ status: 403, body, contentType }));
    const aws = testContext({ endpointUrl: fake.url, env: { AWS_MAX_ATTEMPTS: '1' } });
    const [iam, s3, guardduty] = await Promise.all([import('@aws-sdk/client-iam'), import('@aws-sdk/client-s3'), import('@aws-sdk/client-guardduty')]);
    const calls = [
      () => aws.client('iam', 'us-east-1', iam.IAMClient).send(new iam.GetAccountSummaryCommand({})),
      () => aws.client('s3', 'us-east-1', s3.S3Client).send(new s3.ListBucketsCommand({})),
      () => aws.client('guardduty', 'us-east-1', guardduty.GuardDutyClient).send(new guardduty.ListDetectorsCommand({})),
    ];
    const reasons = await Promise.all(calls.map((call) => call().then(() => undefined, (error: unknown) => toNotCollected(error, 'x:Y'))));
    expect(reasons.map((r) => [r?.kind, r?.errorCode, r?.permission])).toEqual([
      ['access-denied', 'HTTP403', 'iam:GetAccountSummary'],
      ['access-denied', 'HTTP403', 's3:ListAllMyBuckets'],
      ['access-denied', 'HTTP403', 'guardduty:ListDetectors'],
    ]);
    expect(reasons[0]!.message).toMatch(/^HTTP 403 with an answer that is not an AWS error/);
  });

  it('leaves a readable AWS error as it is', () => {
    const error = Object.assign(new Error('User is not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, bulwarkPermission: 'iam:GetUser' });
    expect(toNotCollected(error, 'iam:GetUser')).toMatchObject({ kind: 'access-denied', errorCode: 'AccessDenied', message: 'User is not authorized', permission: 'iam:GetUser' });
  });
});
