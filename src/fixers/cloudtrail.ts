/**
 * CloudTrail write steps: turn a trail on, widen it, validate it, stream it to CloudWatch Logs, or
 * create a whole trail with its own bucket, log group and delivery role. Names are derived from the
 * account (or `--trail-bucket`), so every check that needs the same trail plans the same steps.
 */
import { CannotPlan, type FixCall, type FixContext, type FixStep } from '../core/fix-plan.js';
import type { Trail } from '../inventory/schema.js';

export const TRAIL_NAME = 'bulwark-trail';
export const TRAIL_LOG_GROUP = 'bulwark-cloudtrail';
export const TRAIL_ROLE = 'BulwarkCloudTrailToLogs';
const LOG_RETENTION_DAYS = 365;

/** Delivery to CloudWatch Logs: the group, the role CloudTrail assumes (passed to it: iam:PassRole) and the trail update. */
export const DELIVERY_ACTIONS = ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:DeleteRole', 'iam:PassRole', 'cloudtrail:UpdateTrail'];
/** Everything the trail steps may call, a new trail with its bucket included. */
export const TRAIL_ACTIONS = [
  ...DELIVERY_ACTIONS,
  'cloudtrail:StartLogging',
  'cloudtrail:StopLogging',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:CreateTrail',
  'cloudtrail:DeleteTrail',
  's3:CreateBucket',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPolicy',
  's3:PutBucketLogging',
];

const trailCall = (operation: string, input: Record<string, unknown>, region: string): FixCall => ({ action: `cloudtrail:${operation}`, input, region });

export function trailBucketName({ inputs, account }: FixContext): string {
  return inputs.trailBucket ?? `bulwark-cloudtrail-${account.id}`;
}

export function logGroupArn(region: string, { account }: FixContext, name = TRAIL_LOG_GROUP): string {
  return `arn:${account.partition}:logs:${region}:${account.id}:log-group:${name}:*`;
}

/** Whether another trail already records management events (a second copy is billed). */
function otherTrailRecordsManagement(trail: Trail | undefined, { inventory }: FixContext): boolean {
  const trails = inventory.cloudtrail.trails;
  return trails?.status === 'collected' && trails.value.some((t) => t.arn !== trail?.arn && t.status.status === 'collected' && t.status.value.isLogging && t.managementEvents.status === 'collected' && (t.managementEvents.value.read || t.managementEvents.value.write));
}

const COPY_PRICE = 'CloudTrail bills a second copy of management events at US$2.00 per 100,000 events (the first copy in each region is free)';

function managementCost(trail: Trail | undefined, context: FixContext): Pick<FixStep, 'risk' | 'riskNote'> {
  return otherTrailRecordsManagement(trail, context)
    ? { risk: 'costs-money', riskNote: `costs money: another trail already records management events; ${COPY_PRICE}` }
    : { risk: 'safe', riskNote: 'the first copy of management events in each region is free; S3 storage of the logs is billed as usual' };
}

export function startLogging(trail: Trail, context: FixContext): FixStep {
  return {
    key: `cloudtrail:start-logging:${trail.arn}`,
    title: `Start logging on trail ${trail.name}`,
    before: 'not logging: nothing is recorded',
    after: 'logging',
    calls: [trailCall('StartLogging', { Name: trail.arn }, trail.homeRegion)],
    undo: [trailCall('StopLogging', { Name: trail.arn }, trail.homeRegion)],
    ...managementCost(trail, context),
  };
}

export function makeMultiRegion(trail: Trail, context: FixContext): FixStep {
  return {
    key: `cloudtrail:make-multi-region:${trail.arn}`,
    title: `Make trail ${trail.name} record every region`,
    before: `records ${trail.homeRegion} only`,
    after: 'records every region, including global service events',
    calls: [trailCall('UpdateTrail', { Name: trail.arn, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true }, trail.homeRegion)],
    undo: [trailCall('UpdateTrail', { Name: trail.arn, IsMultiRegionTrail: false }, trail.homeRegion)],
    ...managementCost(trail, context),
  };
}

interface Selectors {
  EventSelectors: { IncludeManagementEvents?: boolean; DataResources?: unknown[]; ReadWriteType?: string; ExcludeManagementEventSources?: unknown[] }[];
  AdvancedEventSelectors: { Name?: string; FieldSelectors?: { Field?: string; Equals?: string[] }[] }[];
}

/**
 * Records read and write management events, keeping the trail's data-event selectors as they are.
 * Undo puts back exactly the selectors read at plan time.
 */
export function recordAllManagementEvents(trail: Trail, context: FixContext): FixStep {
  const read = trail.managementEvents.status === 'collected' ? trail.managementEvents.value : undefined;
  if (!read?.selectors) throw new CannotPlan(`the event selectors of trail ${trail.name} were not read (grant cloudtrail:GetEventSelectors)`);
  const old = JSON.parse(read.selectors) as Selectors;
  const advanced = old.AdvancedEventSelectors.length > 0;
  const input = advanced
    ? {
        TrailName: trail.arn,
        AdvancedEventSelectors: [
          { Name: 'All management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
          ...old.AdvancedEventSelectors.filter((s) => !s.FieldSelectors?.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management'))),
        ],
      }
    : {
        TrailName: trail.arn,
        EventSelectors: [
          { ReadWriteType: 'All', IncludeManagementEvents: true },
          ...old.EventSelectors.filter((s) => s.DataResources?.length).map((s) => ({ ...s, IncludeManagementEvents: false, ExcludeManagementEventSources: [] })),
        ],
      };
  const now = [read.read && 'read', read.write && 'write'].filter(Boolean).join(' and ') || 'no';
  return {
    key: `cloudtrail:record-management-events:${trail.arn}`,
    title: `Record read and write management events on trail ${trail.name}`,
    before: `${now} management events${read.exclusions.length ? ` (excluding ${read.exclusions.join(', ')})` : ''}`,
    after: 'all read and write management events; data-event selectors unchanged',
    calls: [trailCall('PutEventSelectors', input, trail.homeRegion)],
    undo: [trailCall('PutEventSelectors', advanced ? { TrailName: trail.arn, AdvancedEventSelectors: old.AdvancedEventSelectors } : { TrailName: trail.arn, EventSelectors: old.EventSelectors }, trail.homeRegion)],
    ...managementCost(trail, context),
  };
}

export function enableLogFileValidation(trail: Trail): FixStep {
  return {
    key: `cloudtrail:enable-log-file-validation:${trail.arn}`,
    title: `Turn on log file validation for trail ${trail.name}`,
    before: 'log files can be edited or deleted unnoticed',
    after: 'an hourly signed digest file proves which log files were delivered and that none changed',
    calls: [trailCall('UpdateTrail', { Name: trail.arn, EnableLogFileValidation: true }, trail.homeRegion)],
    undo: [trailCall('UpdateTrail', { Name: trail.arn, EnableLogFileValidation: false }, trail.homeRegion)],
    risk: 'safe',
  };
}

/** A log group for trail events, kept a year. It holds logs once used, so it is never deleted by undo. */
export function createTrailLogGroup(region: string): FixStep {
  return {
    key: `logs:create-log-group:${region}:${TRAIL_LOG_GROUP}`,
    title: `Create the CloudWatch Logs group ${TRAIL_LOG_GROUP} in ${region}`,
    before: 'no such log group',
    after: `log group ${TRAIL_LOG_GROUP}, events kept ${LOG_RETENTION_DAYS} days`,
    calls: [
      { action: 'logs:CreateLogGroup', input: { logGroupName: TRAIL_LOG_GROUP }, region },
      { action: 'logs:PutRetentionPolicy', input: { logGroupName: TRAIL_LOG_GROUP, retentionInDays: LOG_RETENTION_DAYS }, region },
    ],
    risk: 'costs-money',
    riskNote: 'costs money: CloudWatch Logs bills ingestion per GB (US$0.50/GB in us-east-1) and storage per GB-month; irreversible because the group will hold the trail\'s logs',
  };
}

/** The role CloudTrail assumes to write into the log group; only CloudTrail of this account may assume it. */
export function createTrailRole(context: FixContext): FixStep {
  const { account } = context;
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': account.id } } }],
  };
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `arn:${account.partition}:logs:*:${account.id}:log-group:${TRAIL_LOG_GROUP}:log-stream:*` }],
  };
  return {
    key: `iam:create-role:${TRAIL_ROLE}`,
    title: `Create the role ${TRAIL_ROLE} that lets CloudTrail write to ${TRAIL_LOG_GROUP}`,
    before: 'no such role',
    after: `role ${TRAIL_ROLE}, assumable by CloudTrail of account ${account.id} only, allowed logs:CreateLogStream and logs:PutLogEvents on ${TRAIL_LOG_GROUP}`,
    calls: [
      { action: 'iam:CreateRole', input: { RoleName: TRAIL_ROLE, AssumeRolePolicyDocument: JSON.stringify(trust), Description: 'Created by bulwark fix: CloudTrail delivery to CloudWatch Logs' }, region: 'global' },
      { action: 'iam:PutRolePolicy', input: { RoleName: TRAIL_ROLE, PolicyName: 'deliver-to-log-group', PolicyDocument: JSON.stringify(policy) }, region: 'global' },
    ],
    undo: [
      { action: 'iam:DeleteRolePolicy', input: { RoleName: TRAIL_ROLE, PolicyName: 'deliver-to-log-group' }, region: 'global' },
      { action: 'iam:DeleteRole', input: { RoleName: TRAIL_ROLE }, region: 'global' },
    ],
    risk: 'safe',
  };
}

const roleArn = ({ account }: FixContext) => `arn:${account.partition}:iam::${account.id}:role/${TRAIL_ROLE}`;

/** The role and group steps, skipped when the inventory shows they exist already. */
function deliveryPrerequisites(region: string, context: FixContext): FixStep[] {
  const auth = context.inventory.iam.authorization;
  const roleExists = auth?.status === 'collected' && auth.value.roles.some((r) => r.name === TRAIL_ROLE);
  return [createTrailLogGroup(region), ...(roleExists ? [] : [createTrailRole(context)])];
}

/** Streams an existing trail to CloudWatch Logs (what alarms on unusual calls are built on). */
export function deliverToLogs(trail: Trail, context: FixContext): FixStep[] {
  const prerequisites = deliveryPrerequisites(trail.homeRegion, context);
  return [
    ...prerequisites,
    {
      key: `cloudtrail:deliver-to-logs:${trail.arn}`,
      title: `Deliver trail ${trail.name} to CloudWatch Logs group ${TRAIL_LOG_GROUP}`,
      before: 'delivered to S3 only',
      after: `also delivered to ${TRAIL_LOG_GROUP} in ${trail.homeRegion}`,
      calls: [trailCall('UpdateTrail', { Name: trail.arn, CloudWatchLogsLogGroupArn: logGroupArn(trail.homeRegion, context), CloudWatchLogsRoleArn: roleArn(context) }, trail.homeRegion)],
      undo: [trailCall('UpdateTrail', { Name: trail.arn, CloudWatchLogsLogGroupArn: '', CloudWatchLogsRoleArn: '' }, trail.homeRegion)],
      risk: 'safe',
      riskNote: 'needs iam:PassRole on the role; the log group\'s ingestion is billed (see its step)',
      dependsOn: prerequisites.map((s) => s.key),
    },
  ];
}

/** A dedicated bucket for trail logs: CloudTrail-only writes, no public access, versioned and locked, encrypted, access-logged. */
export function createTrailBucket(context: FixContext): FixStep {
  const { account, homeRegion: region } = context;
  const bucket = trailBucketName(context);
  const arn = `arn:${account.partition}:s3:::${bucket}`;
  const trailArn = `arn:${account.partition}:cloudtrail:${region}:${account.id}:trail/${TRAIL_NAME}`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
      {
        Sid: 'CloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${arn}/AWSLogs/${account.id}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      },
      { Sid: 'ServerAccessLogs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${arn}/access-logs/*`, Condition: { StringEquals: { 'aws:SourceAccount': account.id } } },
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  };
  const s3 = (action: string, input: Record<string, unknown>, sdk?: string): FixCall => ({ action, input: { Bucket: bucket, ...input }, region, ...(sdk ? { sdk } : {}) });
  return {
    key: `s3:create-trail-bucket:${bucket}`,
    title: `Create the trail bucket ${bucket} in ${region}`,
    before: 'no such bucket',
    after: 'private bucket: CloudTrail-only writes, Block Public Access on, versioning with Object Lock (governance, 365 days), SSE-S3 encryption, access logs under access-logs/',
    calls: [
      s3('s3:CreateBucket', { ObjectLockEnabledForBucket: true, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) }),
      s3('s3:PutBucketPublicAccessBlock', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }, 'S3.PutPublicAccessBlock'),
      s3('s3:PutBucketVersioning', { VersioningConfiguration: { Status: 'Enabled' } }),
      s3('s3:PutEncryptionConfiguration', { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } }, 'S3.PutBucketEncryption'),
      s3('s3:PutBucketObjectLockConfiguration', { ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } } } }, 'S3.PutObjectLockConfiguration'),
      s3('s3:PutBucketPolicy', { Policy: JSON.stringify(policy) }),
      s3('s3:PutBucketLogging', { BucketLoggingStatus: { LoggingEnabled: { TargetBucket: bucket, TargetPrefix: 'access-logs/' } } }),
    ],
    risk: 'costs-money',
    riskNote: 'costs money: S3 storage of the logs, each kept at least 365 days by Object Lock; irreversible because the bucket will hold the logs (never deleted by undo)',
  };
}

export const newTrailArn = ({ account, homeRegion }: FixContext) => `arn:${account.partition}:cloudtrail:${homeRegion}:${account.id}:trail/${TRAIL_NAME}`;

/** With no usable trail: a new multi-region trail with its bucket, log group and role, logging. */
export function createTrail(context: FixContext): FixStep[] {
  const region = context.homeRegion;
  const prerequisites = [createTrailBucket(context), ...deliveryPrerequisites(region, context)];
  const name = TRAIL_NAME;
  return [
    ...prerequisites,
    {
      key: `cloudtrail:create-trail:${newTrailArn(context)}`,
      title: `Create the multi-region trail ${name} and start logging`,
      before: 'no trail records the account',
      after: `trail ${name}: every region, read and write management events, log file validation, to s3://${trailBucketName(context)} and CloudWatch Logs ${TRAIL_LOG_GROUP}`,
      calls: [
        trailCall(
          'CreateTrail',
          {
            Name: name,
            S3BucketName: trailBucketName(context),
            IsMultiRegionTrail: true,
            IncludeGlobalServiceEvents: true,
            EnableLogFileValidation: true,
            CloudWatchLogsLogGroupArn: logGroupArn(region, context),
            CloudWatchLogsRoleArn: roleArn(context),
          },
          region,
        ),
        trailCall('StartLogging', { Name: name }, region),
      ],
      undo: [trailCall('StopLogging', { Name: name }, region), trailCall('DeleteTrail', { Name: name }, region)],
      ...managementCost(undefined, context),
      riskNote: `${managementCost(undefined, context).riskNote}; needs iam:PassRole on ${TRAIL_ROLE}`,
      dependsOn: prerequisites.map((s) => s.key),
    },
  ];
}

const usable = (t: Trail) => !t.organizationTrail;

/**
 * The trail the account should rely on: one that covers `region` now, else the multi-region one,
 * else one in the home region (to widen), else none (create one). The same answer for every region
 * without a trail, so they share one step.
 */
export function accountTrail(trails: readonly Trail[], region: string, context: FixContext): Trail | undefined {
  const own = trails.filter(usable);
  const covering = own.filter((t) => t.multiRegion || t.homeRegion === region);
  return covering.find((t) => t.multiRegion) ?? covering[0] ?? own.find((t) => t.multiRegion) ?? own.find((t) => t.homeRegion === context.homeRegion) ?? own[0];
}

/** Everything that makes `trail` record `region` fully (AS-40). */
export function recordRegion(trails: readonly Trail[], region: string, context: FixContext): FixStep[] {
  const trail = accountTrail(trails, region, context);
  if (!trail) {
    if (trails.length) throw new CannotPlan(`only organisation trails apply to ${region}: change them from the management account`);
    return createTrail(context);
  }
  const events = trail.managementEvents.status === 'collected' ? trail.managementEvents.value : undefined;
  return [
    ...(!trail.multiRegion && trail.homeRegion !== region ? [makeMultiRegion(trail, context)] : []),
    ...(trail.status.status === 'collected' && !trail.status.value.isLogging ? [startLogging(trail, context)] : []),
    ...(events && !(events.read && events.write) ? [recordAllManagementEvents(trail, context)] : []),
  ];
}

/** Logging, validation and CloudWatch Logs delivery for one trail (AS-41); KMS encryption stays manual. */
export function trustTrail(trail: Trail, context: FixContext): FixStep[] {
  if (trail.organizationTrail) throw new CannotPlan(`trail ${trail.name} is an organisation trail: change it from the management account`);
  return [
    ...(trail.status.status === 'collected' && !trail.status.value.isLogging ? [startLogging(trail, context)] : []),
    ...(trail.logFileValidation ? [] : [enableLogFileValidation(trail)]),
    ...(trail.cloudWatchLogsLogGroupArn ? [] : deliverToLogs(trail, context)),
  ];
}
