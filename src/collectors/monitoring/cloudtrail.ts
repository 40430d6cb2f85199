/**
 * Every trail of the account, wherever its home region: ListTrails, one DescribeTrails per home
 * region, then per trail its status and event selectors (an account has a handful of trails).
 */
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { AwsContext } from '../../aws/context.js';
import { toNotCollected } from '../../aws/errors.js';
import { collected, type Fact } from '../../core/fact.js';
import type { Trail } from '../../inventory/schema.js';
import { globalCollector } from '../collector.js';

async function read<T>(operation: string, call: () => Promise<T>): Promise<Fact<T>> {
  try {
    return collected(await call());
  } catch (error) {
    return toNotCollected(error, operation);
  }
}

export const trails = globalCollector({
  key: 'cloudtrail.trails',
  service: 'cloudtrail',
  operations: ['ListTrails', 'DescribeTrails', 'GetTrailStatus', 'GetEventSelectors'],
  collect: collectTrails,
});

export async function collectTrails(aws: AwsContext, region: string): Promise<Trail[]> {
  const sdk = await import('@aws-sdk/client-cloudtrail');
  const listed: { arn: string; homeRegion: string }[] = [];
  for await (const page of sdk.paginateListTrails({ client: aws.client('cloudtrail', region, sdk.CloudTrailClient) }, {})) {
    for (const t of page.Trails ?? []) if (t.TrailARN) listed.push({ arn: t.TrailARN, homeRegion: t.HomeRegion ?? region });
  }
  const homes = [...new Set(listed.map((t) => t.homeRegion))];
  const described = (
    await Promise.all(
      homes.map(async (home) => {
        const client = aws.client('cloudtrail', home, sdk.CloudTrailClient);
        const { trailList } = await client.send(new sdk.DescribeTrailsCommand({ trailNameList: listed.filter((t) => t.homeRegion === home).map((t) => t.arn), includeShadowTrails: false }));
        return (trailList ?? []).map((t) => ({ t, client }));
      }),
    )
  ).flat();
  return Promise.all(
    described.map(async ({ t, client }): Promise<Trail> => {
      const arn = t.TrailARN ?? '';
      const [status, managementEvents] = await Promise.all([
        read('cloudtrail:GetTrailStatus', async () => {
          const s = await client.send(new sdk.GetTrailStatusCommand({ Name: arn }));
          return { isLogging: s.IsLogging ?? false, ...(s.LatestCloudWatchLogsDeliveryTime ? { latestCloudWatchLogsDeliveryAt: s.LatestCloudWatchLogsDeliveryTime.toISOString() } : {}) };
        }),
        read('cloudtrail:GetEventSelectors', async () => {
          const s = await client.send(new sdk.GetEventSelectorsCommand({ TrailName: arn }));
          return managementCoverage(s.EventSelectors, s.AdvancedEventSelectors);
        }),
      ]);
      return {
        name: t.Name ?? '',
        arn,
        homeRegion: t.HomeRegion ?? '',
        multiRegion: t.IsMultiRegionTrail ?? false,
        organizationTrail: t.IsOrganizationTrail ?? false,
        logFileValidation: t.LogFileValidationEnabled ?? false,
        ...(t.CloudWatchLogsLogGroupArn ? { cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn } : {}),
        ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
        ...(t.S3BucketName ? { s3BucketName: t.S3BucketName } : {}),
        status,
        managementEvents,
      };
    }),
  );
}

/**
 * Which management events a trail records, from classic or advanced selectors. With neither, a
 * trail records all management events (CloudTrail's default).
 */
export function managementCoverage(classic: EventSelector[] | undefined, advanced: AdvancedEventSelector[] | undefined) {
  if (advanced?.length) {
    const coverage = { read: false, write: false, exclusions: [] as string[] };
    for (const selector of advanced) {
      const fields = selector.FieldSelectors ?? [];
      if (!fields.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management'))) continue;
      const readOnly = fields.find((f) => f.Field === 'readOnly')?.Equals?.[0];
      if (readOnly !== 'false') coverage.read = true;
      if (readOnly !== 'true') coverage.write = true;
      for (const f of fields) for (const value of [...(f.NotEquals ?? []), ...(f.NotStartsWith ?? [])]) coverage.exclusions.push(`${f.Field} ${value}`);
    }
    return coverage;
  }
  if (!classic?.length) return { read: true, write: true, exclusions: [] };
  const included = classic.filter((s) => s.IncludeManagementEvents !== false);
  return {
    read: included.some((s) => s.ReadWriteType !== 'WriteOnly'),
    write: included.some((s) => s.ReadWriteType !== 'ReadOnly'),
    exclusions: [...new Set(included.flatMap((s) => s.ExcludeManagementEventSources ?? []))].map((source) => `eventSource ${source}`),
  };
}
