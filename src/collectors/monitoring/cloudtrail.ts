/**
 * Every trail of the account, wherever its home region: ListTrails, one DescribeTrails per home
 * region, then per trail its status and event selectors (an account has a handful of trails).
 */
import type { AdvancedEventSelector, EventSelector } from '@aws-sdk/client-cloudtrail';
import type { AwsContext } from '../../aws/context.js';
import type { Trail } from '../../inventory/schema.js';
import { dependency, globalCollector, orWhenAbsent, readFact } from '../collector.js';
import { collected } from '../../core/fact.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const trails = globalCollector({
  key: 'cloudtrail.trails',
  service: 'cloudtrail',
  operations: ['ListTrails', 'DescribeTrails', 'GetTrailStatus', 'GetEventSelectors'],
  collect: collectTrails,
});

export async function collectTrails(aws: AwsContext, region: string): Promise<Trail[]> {
  const sdk = awsSdk('cloudtrail');
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
        readFact('cloudtrail:GetTrailStatus', async () => {
          const s = await client.send(new sdk.GetTrailStatusCommand({ Name: arn }));
          const isLogging = s.IsLogging ?? false;
          return {
            isLogging,
            ...(!isLogging && s.StopLoggingTime ? { stoppedAt: s.StopLoggingTime.toISOString() } : {}),
            ...(s.LatestCloudWatchLogsDeliveryTime ? { latestCloudWatchLogsDeliveryAt: s.LatestCloudWatchLogsDeliveryTime.toISOString() } : {}),
          };
        }),
        readFact('cloudtrail:GetEventSelectors', async () => {
          const s = await client.send(new sdk.GetEventSelectorsCommand({ TrailName: arn }));
          const selectors = JSON.stringify({ EventSelectors: s.EventSelectors ?? [], AdvancedEventSelectors: s.AdvancedEventSelectors ?? [] });
          return { ...managementCoverage(s.EventSelectors, s.AdvancedEventSelectors), selectors };
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

/**
 * What protects the trails' buckets from an intruder erasing their tracks. The bucket listing
 * gives each own bucket's region; only a bucket it lacks (another account's, say) is located with
 * GetBucketLocation, whose AccessDenied then stays a reason, not a verdict.
 */
export const trailBuckets = globalCollector({
  key: 'cloudtrail.trailBuckets',
  service: 's3',
  operations: ['GetBucketLocation', 'GetBucketVersioning', 'GetObjectLockConfiguration', 'GetBucketLogging'],
  after: ['cloudtrail.trails', 's3.buckets'],
  collect: async (aws, region, _account, inventory) => {
    const sdk = awsSdk('s3');
    const names = [...new Set(dependency(inventory.cloudtrail.trails, 'cloudtrail:ListTrails').flatMap((t) => (t.s3BucketName ? [t.s3BucketName] : [])))].sort();
    return Promise.all(
      names.map(async (name) => {
        const listed = inventory.s3.buckets?.status === 'collected' ? inventory.s3.buckets.value.find((b) => b.name === name) : undefined;
        const location = listed
          ? collected(listed.region)
          : await readFact('s3:GetBucketLocation', async () => (await aws.client('s3', region, sdk.S3Client).send(new sdk.GetBucketLocationCommand({ Bucket: name }))).LocationConstraint || 'us-east-1');
        if (location.status !== 'collected') return { name, versioning: location, objectLock: location, accessLogging: location };
        const s3 = aws.client('s3', location.value === 'EU' ? 'eu-west-1' : location.value, sdk.S3Client);
        const [versioning, objectLock, accessLogging] = await Promise.all([
          readFact('s3:GetBucketVersioning', async () => {
            const v = await s3.send(new sdk.GetBucketVersioningCommand({ Bucket: name }));
            return { enabled: v.Status === 'Enabled', mfaDelete: v.MFADelete === 'Enabled' };
          }),
          readFact('s3:GetObjectLockConfiguration', async () => {
            const lock = await orWhenAbsent(() => s3.send(new sdk.GetObjectLockConfigurationCommand({ Bucket: name })), ['ObjectLockConfigurationNotFoundError'], undefined);
            return lock?.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
          }),
          readFact('s3:GetBucketLogging', async () => Boolean((await s3.send(new sdk.GetBucketLoggingCommand({ Bucket: name }))).LoggingEnabled)),
        ]);
        return { name, versioning, objectLock, accessLogging };
      }),
    );
  },
});
