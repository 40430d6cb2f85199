/** Usage against limits: IAM from GetAccountSummary, EC2 from listings against Service Quotas, and Trusted Advisor. */
import type { AwsContext } from '../../aws/context.js';
import type { QuotaReading, QuotaUsage } from '../../inventory/schema.js';
import { dependency, globalCollector, readFact, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

const IAM_PAIRS = ['Users', 'Groups', 'Roles', 'Policies', 'InstanceProfiles', 'ServerCertificates'] as const;

export const accountQuotas = globalCollector({
  key: 'quotas.account',
  service: 'iam',
  operations: ['GetAccountSummary'],
  collect: async (aws, region): Promise<QuotaUsage[]> => {
    const { IAMClient, GetAccountSummaryCommand } = awsSdk('iam');
    const { SummaryMap = {} } = await aws.client('iam', region, IAMClient).send(new GetAccountSummaryCommand({}));
    const summary = SummaryMap as Record<string, number | undefined>;
    return IAM_PAIRS.flatMap((name) => {
      const used = summary[name];
      const limit = summary[`${name}Quota`];
      return used !== undefined && limit ? [{ name: `IAM ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`, used, limit }] : [];
    });
  },
});

/** The applied quota value, or AWS's default when the account never changed it. */
async function quotaValue(aws: AwsContext, region: string, ServiceCode: string, QuotaCode: string): Promise<number | undefined> {
  const sq = awsSdk('servicequotas');
  const client = aws.client('servicequotas', region, sq.ServiceQuotasClient);
  try {
    return (await client.send(new sq.GetServiceQuotaCommand({ ServiceCode, QuotaCode }))).Quota?.Value;
  } catch (error) {
    if ((error as Error).name !== 'NoSuchResourceException') throw error;
    return (await client.send(new sq.GetAWSDefaultServiceQuotaCommand({ ServiceCode, QuotaCode }))).Quota?.Value;
  }
}

const STANDARD_FAMILY = /^[acdhimrtz]/; // "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances"

export const regionQuotas = regionalCollector({
  key: 'quotas.regions',
  service: 'ec2',
  operations: ['DescribeAddresses', 'DescribeVpcs', 'DescribeInstanceTypes', 'servicequotas:GetServiceQuota', 'servicequotas:GetAWSDefaultServiceQuota'],
  after: ['ec2.instances'],
  collect: async (aws, region, _account, inventory): Promise<QuotaReading[]> => {
    const ec2 = awsSdk('ec2');
    const client = aws.client('ec2', region, ec2.EC2Client);
    const running = dependency(inventory.ec2.instances?.[region], 'ec2:DescribeInstances').filter((i) => i.state === 'running' && i.instanceType && STANDARD_FAMILY.test(i.instanceType));
    const types = [...new Set(running.map((i) => i.instanceType!))];
    // Each quota is read with its own usage: one that fails is UNKNOWN alone, and every read settles.
    const reading = async (name: string, operation: string, read: () => Promise<[used: number, limit: number | undefined]>): Promise<QuotaReading[]> => {
      const fact = await readFact(operation, read);
      if (fact.status !== 'collected') return [{ name, notCollected: fact }];
      const [used, limit] = fact.value;
      return limit ? [{ name, used, limit }] : [];
    };
    const readings = await Promise.all([
      reading('Elastic IP addresses', 'ec2:DescribeAddresses', async () => {
        const [addresses, limit] = await Promise.all([client.send(new ec2.DescribeAddressesCommand({ Filters: [{ Name: 'domain', Values: ['vpc'] }] })), quotaValue(aws, region, 'ec2', 'L-0263D0A3')]);
        return [(addresses.Addresses ?? []).length, limit];
      }),
      reading('VPCs', 'ec2:DescribeVpcs', async () => {
        const [vpcs, limit] = await Promise.all([client.send(new ec2.DescribeVpcsCommand({})), quotaValue(aws, region, 'vpc', 'L-F678F1CE')]);
        return [(vpcs.Vpcs ?? []).length, limit];
      }),
      reading('running On-Demand standard vCPUs', 'ec2:DescribeInstanceTypes', async () => {
        const [typeInfo, limit] = await Promise.all([
          types.length ? client.send(new ec2.DescribeInstanceTypesCommand({ InstanceTypes: types as never[] })) : Promise.resolve({ InstanceTypes: [] }),
          quotaValue(aws, region, 'ec2', 'L-1216C47A'),
        ]);
        const vcpus = new Map((typeInfo.InstanceTypes ?? []).map((t) => [t.InstanceType as string, t.VCpuInfo?.DefaultVCpus ?? 0]));
        return [running.reduce((sum, i) => sum + (vcpus.get(i.instanceType!) ?? 0), 0), limit];
      }),
    ]);
    return readings.flat();
  },
});

export const trustedAdvisor = globalCollector({
  key: 'quotas.trustedAdvisor',
  service: 'support',
  operations: ['DescribeTrustedAdvisorChecks', 'DescribeTrustedAdvisorCheckSummaries'],
  // The Support API lives in us-east-1 and answers only Business and Enterprise Support accounts.
  collect: async (aws) => {
    const sdk = awsSdk('support');
    const client = aws.client('support', 'us-east-1', sdk.SupportClient);
    try {
      const { checks } = await client.send(new sdk.DescribeTrustedAdvisorChecksCommand({ language: 'en' }));
      const security = (checks ?? []).filter((c) => c.category === 'security');
      if (security.length === 0) return [];
      const { summaries } = await client.send(new sdk.DescribeTrustedAdvisorCheckSummariesCommand({ checkIds: security.map((c) => c.id ?? null) }));
      return (summaries ?? [])
        .filter((s) => s.status === 'warning' || s.status === 'error')
        .map((s) => ({ name: security.find((c) => c.id === s.checkId)?.name ?? s.checkId, status: s.status, flagged: s.resourcesSummary?.resourcesFlagged ?? 0 }));
    } catch (error) {
      if ((error as Error).name === 'SubscriptionRequiredException') return null;
      throw error;
    }
  },
});
