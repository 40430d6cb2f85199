/**
 * The real SDK against a local server speaking AWS wire formats: serialisation, parsing, retries,
 * timeouts and endpoint overrides are exercised, which client mocks skip.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { whoAmI } from '../src/aws/identity.js';
import { planRegions } from '../src/aws/regions.js';
import { collectSecurityGroups } from '../src/collectors/ec2/security-groups.js';
import { collectCredentialReport } from '../src/collectors/iam/credential-report.js';
import { collectInventory } from '../src/core/collect.js';
import {
  callerIdentity,
  credentialReportCsv,
  credentialReportResult,
  generateReportResult,
  queryError,
  regionsResult,
  securityGroupsResult,
  startFakeAws,
  type FakeAws,
  type FakeHandler,
} from './support/fake-aws.js';
import { testContext } from './support/aws.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(handler: FakeHandler, host?: string) {
  fake = await startFakeAws(handler, host ? { host } : {});
  return fake;
}

describe('on the wire', () => {
  it('identifies the caller through STS', async () => {
    const server = await serve((r) => (r.action === 'GetCallerIdentity' ? callerIdentity('210987654321', 'arn:aws-us-gov:iam::210987654321:user/ops') : undefined));
    const account = await whoAmI(testContext({ endpointUrl: server.url }), 'us-gov-west-1');
    expect(account).toEqual({ id: '210987654321', partition: 'aws-us-gov', callerArn: 'arn:aws-us-gov:iam::210987654321:user/ops' });
    expect(server.requests[0]).toMatchObject({ service: 'sts', region: 'us-gov-west-1' });
  });

  it('turns rejected credentials into one line that says what to do', async () => {
    const server = await serve(() => queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'));
    await expect(whoAmI(testContext({ endpointUrl: server.url }), 'us-east-1')).rejects.toThrow(
      /^AWS rejected the credentials \(InvalidClientTokenId\): they are wrong or expired/,
    );
  });

  it('reads opt-in status from DescribeRegions with AllRegions', async () => {
    const server = await serve((r) => (r.action === 'DescribeRegions' ? regionsResult({ 'eu-west-1': 'opt-in-not-required', 'me-south-1': 'not-opted-in' }) : undefined));
    const plan = await planRegions(testContext({ endpointUrl: server.url }), 'us-east-1');
    expect(plan).toEqual({ scanned: ['eu-west-1'], skipped: [{ region: 'me-south-1', reason: 'opt-in region not enabled for this account' }] });
    expect(server.requests[0]?.params.get('AllRegions')).toBe('true');
  });

  it('pages through DescribeSecurityGroups with the tokens the server returns', async () => {
    const groups = Array.from({ length: 2500 }, (_, i) => ({ id: `sg-${i}`, name: `g${i}`, worldPorts: i === 0 ? [22] : [] }));
    const server = await serve((r) => {
      const start = Number(r.params.get('NextToken') ?? 0);
      return securityGroupsResult('123456789012', groups.slice(start, start + 1000), start + 1000 < groups.length ? String(start + 1000) : undefined);
    });
    const collected = await collectSecurityGroups(testContext({ endpointUrl: server.url }), 'eu-west-1');
    expect(collected).toHaveLength(2500);
    expect(collected[0]?.inbound).toEqual([{ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }]);
    expect(collected[0]?.tags).toEqual({ Name: 'g0' });
    expect(server.requests.map((r) => [r.params.get('NextToken'), r.params.get('MaxResults')])).toEqual([
      [null, '1000'],
      ['1000', '1000'],
      ['2000', '1000'],
    ]);
  });

  it('retries a throttled call and counts the retry and the throttle', async () => {
    let throttled = false;
    const csv = credentialReportCsv('123456789012', [{ name: 'alice', mfa: true, password: true }]);
    const server = await serve((r) => {
      if (r.action === 'GenerateCredentialReport') {
        if (!throttled) {
          throttled = true;
          return queryError(400, 'Throttling', 'Rate exceeded');
        }
        return generateReportResult('COMPLETE');
      }
      return r.action === 'GetCredentialReport' ? credentialReportResult(csv) : undefined;
    });
    const aws = testContext({ endpointUrl: server.url });
    const rows = await collectCredentialReport(aws, 'us-east-1');
    expect(rows.map((row) => row.user)).toEqual(['<root_account>', 'alice']);
    expect(aws.stats.toJSON().operations).toContainEqual(expect.objectContaining({ operation: 'iam:GenerateCredentialReport', calls: 1, retries: 1, throttles: 1 }));
  });

  it('frees its slot while a throttled call sleeps before the retry', async () => {
    // Loaded first, so that only the calls themselves race.
    await Promise.all([import('@aws-sdk/client-iam'), import('@aws-sdk/client-sts')]);
    let throttled = false;
    const csv = credentialReportCsv('123456789012', [{ name: 'alice', mfa: true, password: true }]);
    const server = await serve((r) => {
      if (r.action === 'GenerateCredentialReport') {
        if (throttled) return generateReportResult('COMPLETE');
        throttled = true;
        return { ...queryError(400, 'Throttling', 'Rate exceeded'), delayMs: 1_000 };
      }
      if (r.action === 'GetCallerIdentity') return callerIdentity('123456789012');
      return r.action === 'GetCredentialReport' ? credentialReportResult(csv) : undefined;
    });
    const aws = testContext({ endpointUrl: server.url, concurrency: 1 });
    const report = collectCredentialReport(aws, 'us-east-1');
    // Queued while the throttled attempt holds the only slot; it must go before the retry.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const identity = whoAmI(aws, 'us-east-1');
    await Promise.all([report, identity]);
    expect(server.requests.map((r) => r.action)).toEqual(['GenerateCredentialReport', 'GetCallerIdentity', 'GenerateCredentialReport', 'GetCredentialReport']);
  });

  it('stores an AccessDenied answer as not collected with the permission, and a hanging region as a network failure', async () => {
    const server = await serve((r) => {
      if (r.action === 'GenerateCredentialReport') return queryError(403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: iam:GenerateCredentialReport');
      if (r.action === 'DescribeSecurityGroups' && r.region === 'ap-south-1') return { ...securityGroupsResult('123456789012', []), delayMs: 5_000 };
      if (r.action === 'DescribeSecurityGroups') return securityGroupsResult('123456789012', [{ id: 'sg-1', name: 'web' }]);
      return undefined;
    });
    const aws = testContext({ endpointUrl: server.url, callTimeoutMs: 1_000 });
    const inventory = await collectInventory(aws, {
      account: { id: '123456789012', partition: 'aws' },
      homeRegion: 'us-east-1',
      regions: { scanned: ['ap-south-1', 'eu-west-1'], skipped: [] },
      needs: new Set(['iam.credentialReport', 'ec2.securityGroups']),
    });
    expect(inventory.iam.credentialReport).toMatchObject({ kind: 'access-denied', errorCode: 'AccessDenied', permission: 'iam:GenerateCredentialReport' });
    expect(inventory.ec2.securityGroups?.['eu-west-1']).toMatchObject({ status: 'collected' });
    expect(inventory.ec2.securityGroups?.['ap-south-1']).toMatchObject({ status: 'not-collected', kind: 'network', operation: 'ec2:DescribeSecurityGroups' });
  });

  it('sends S3 path-style and S3 Control without the account-id host prefix to an emulator endpoint', async () => {
    const server = await serve((r) => {
      if (r.path.startsWith('/v20180820/configuration/publicAccessBlock')) {
        return {
          body: '<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
        };
      }
      if (r.path.startsWith('/demo-bucket/?acl')) {
        return {
          body: '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>',
        };
      }
      return undefined;
    }, 'localhost');
    // Through the environment variables the SDK documents, as a LocalStack user would set them.
    const aws = testContext({ env: { AWS_ENDPOINT_URL_S3: server.url, AWS_ENDPOINT_URL_S3_CONTROL: server.url } });
    const { S3Client, GetBucketAclCommand } = await import('@aws-sdk/client-s3');
    const { S3ControlClient, GetPublicAccessBlockCommand } = await import('@aws-sdk/client-s3-control');
    const acl = await aws.client('s3', 'us-east-1', S3Client).send(new GetBucketAclCommand({ Bucket: 'demo-bucket' }));
    expect(acl.Grants?.[0]).toMatchObject({ Permission: 'READ', Grantee: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' } });
    const block = await aws.client('s3control', 'us-east-1', S3ControlClient).send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }));
    expect(block.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect(server.requests.map((r) => r.host)).toEqual([server.url.slice(7), server.url.slice(7)]);
    expect(server.requests[1]?.headers['x-amz-account-id']).toBe('123456789012');
  });
});
