import { mockClient } from 'aws-sdk-client-mock';
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, testContext } from '../../test/support/aws.js';
import { importToSecurityHub } from './security-hub.js';

const hub = mockClient(SecurityHubClient);

const finding = (i: number, region: string): AwsSecurityFinding => ({
  SchemaVersion: '2018-10-08',
  Id: `bulwark/${region}/${i}`,
  ProductArn: `arn:aws:securityhub:${region}:123456789012:product/123456789012/default`,
  GeneratorId: 'bulwark/x',
  AwsAccountId: '123456789012',
  Types: ['Software and Configuration Checks/AWS Security Best Practices'],
  CreatedAt: '2026-11-02T00:00:00.000Z',
  UpdatedAt: '2026-11-02T00:00:00.000Z',
  Severity: { Label: 'HIGH' },
  Title: 't',
  Description: 'd',
  Resources: [{ Type: 'AwsAccount', Id: 'a', Region: region, Partition: 'aws' }],
});

describe('importToSecurityHub', () => {
  beforeEach(() => hub.reset());

  it('imports into each finding\'s region in batches of at most 100', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ SuccessCount: input.Findings.length, FailedCount: 0, FailedFindings: [] }));
    const findings = [...Array.from({ length: 230 }, (_, i) => finding(i, 'us-east-1')), ...Array.from({ length: 5 }, (_, i) => finding(i, 'eu-west-1'))];
    expect(await importToSecurityHub(testContext(), findings)).toEqual({ imported: 235, problems: [] });
    const sizes = hub.commandCalls(BatchImportFindingsCommand).map((call) => call.args[0].input.Findings?.length);
    expect(sizes.sort((a, b) => (b ?? 0) - (a ?? 0))).toEqual([100, 100, 30, 5]);
  });

  it('reports rejected findings and a region that refuses, and still imports the other regions', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: AwsSecurityFinding[] }) => {
      const region = input.Findings[0]!.Resources![0]!.Region;
      if (region === 'eu-west-1') throw awsError('AccessDeniedException', 'not authorized to perform securityhub:BatchImportFindings', 403);
      return { SuccessCount: input.Findings.length - 1, FailedCount: 1, FailedFindings: [{ Id: input.Findings[0]!.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to ASFF' }] };
    });
    const result = await importToSecurityHub(testContext(), [finding(1, 'us-east-1'), finding(2, 'us-east-1'), finding(3, 'eu-west-1')]);
    expect(result.imported).toBe(1);
    expect([...result.problems].sort()).toEqual([
      'eu-west-1: import stopped after 0 of 1 findings (AccessDeniedException: grant securityhub:BatchImportFindings)',
      'us-east-1: InvalidInput: 1 finding rejected (bulwark/us-east-1/1: Finding does not adhere to ASFF)',
    ]);
  });
});
