import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeAddressesCommand, DescribeInstanceTypesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { regionQuotas } from './quotas.js';
import { awsError, TEST_ACCOUNT, testContext } from '../../../test/support/aws.js';
import { inventory } from '../../testing/builders.js';
import { collected } from '../../core/fact.js';

const ec2 = mockClient(EC2Client);
const sq = mockClient(ServiceQuotasClient);

describe('regionQuotas', () => {
  beforeEach(() => {
    ec2.reset();
    sq.reset();
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [{}, {}] });
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{}] });
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: [{ InstanceType: 't3.large', VCpuInfo: { DefaultVCpus: 2 } }] });
  });
  const withInstances = inventory({ ec2: { instances: { 'eu-west-1': collected([{ instanceId: 'i-1', state: 'running', instanceType: 't3.large' }] as never) } } });

  it('reads every quota against its usage', async () => {
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-0263D0A3' }).resolves({ Quota: { Value: 5 } });
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-F678F1CE' }).resolves({ Quota: { Value: 5 } });
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-1216C47A' }).resolves({ Quota: { Value: 32 } });
    expect(await regionQuotas.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, withInstances)).toEqual([
      { name: 'Elastic IP addresses', used: 2, limit: 5 },
      { name: 'VPCs', used: 1, limit: 5 },
      { name: 'running On-Demand standard vCPUs', used: 2, limit: 32 },
    ]);
  });

  it('keeps the quotas it could read when one quota value cannot be read', async () => {
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-0263D0A3' }).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-F678F1CE' }).resolves({ Quota: { Value: 5 } });
    sq.on(GetServiceQuotaCommand, { QuotaCode: 'L-1216C47A' }).resolves({ Quota: { Value: 32 } });
    const readings = await regionQuotas.collect(testContext(), 'eu-west-1', TEST_ACCOUNT, withInstances);
    expect(readings).toEqual([
      { name: 'Elastic IP addresses', notCollected: expect.objectContaining({ kind: 'access-denied', permission: 'servicequotas:GetServiceQuota' }) as unknown },
      { name: 'VPCs', used: 1, limit: 5 },
      { name: 'running On-Demand standard vCPUs', used: 2, limit: 32 },
    ]);
  });
});

describe('account-quotas-headroom over readings of which one failed', () => {
  it('is UNKNOWN for that quota alone and keeps the verdicts it could reach', async () => {
    const { evaluate } = await import('../../core/engine.js');
    const { CHECKS } = await import('../../checks/index.js');
    const { DEFAULT_CONFIG } = await import('../../config/schema.js');
    const check = CHECKS.filter((c) => c.id === 'account-quotas-headroom');
    const denied = { status: 'not-collected', kind: 'access-denied', operation: 'servicequotas:GetServiceQuota', errorCode: 'AccessDeniedException', message: 'no', permission: 'servicequotas:GetServiceQuota' } as const;
    const inv = inventory({ quotas: { account: collected([]), regions: { 'eu-west-1': collected([{ name: 'Elastic IP addresses', notCollected: denied }, { name: 'VPCs', used: 5, limit: 5 }]) } } });
    const findings = evaluate(check, inv, { now: new Date(), config: DEFAULT_CONFIG });
    expect(findings.map((f) => [f.resource.name, f.status])).toEqual([
      ['VPCs in eu-west-1', 'FAIL'],
      ['Elastic IP addresses in eu-west-1', 'UNKNOWN'],
    ]);
  });
});
