/**
 * The inventory: everything Bulwark collected from one account, as plain data.
 * This zod schema is the single source: the TypeScript types are inferred from it, saved
 * inventories are validated against it, and schemas/inventory.schema.json is generated from it.
 */
import { z } from 'zod';
import { factSchema, notCollectedSchema } from '../core/fact.js';

/**
 * Bumped when a saved inventory of the previous version no longer validates as it stands.
 * 2: GuardDuty's findings became a fact of their own beside the detectors (`highSeverity`
 * instead of `highSeverityOpen`/`topTypes`); additions (quota readings, unreadable report rows,
 * the root summary, trail stop times) are optional and need no bump.
 */
export const INVENTORY_SCHEMA_VERSION = 2;

/** One fact per region, keyed by region name. */
function perRegion<T extends z.ZodType>(value: T) {
  return z.record(z.string(), factSchema(value));
}

const timestamp = z.iso.datetime({ offset: true });

/** AWS tags as a map. Optional where inventories saved before tags were collected lack them. */
const tags = z.record(z.string(), z.string());

/**
 * A credential-report date: an ISO timestamp, null for `N/A` (never happened / no such key),
 * or the report's own markers for what IAM cannot tell.
 */
const reportDate = z.union([timestamp, z.null(), z.enum(['no_information', 'not_supported'])]);

const accessKeyColumns = z
  .object({
    active: z.boolean(),
    lastRotated: reportDate,
    lastUsedDate: reportDate,
    lastUsedRegion: z.string().nullable(),
    lastUsedService: z.string().nullable(),
  })
  .strict();

/** One access key as ListAccessKeys reports it now (the credential report may be hours old). */
export const accessKeyStateSchema = z.object({ id: z.string(), active: z.boolean(), createdAt: timestamp.nullable() }).strict();

/** GetAccountSummary's root keys; `passwordPresent` is absent where IAM does not report it. */
export const rootSummarySchema = z.object({ mfaEnabled: z.boolean(), accessKeysPresent: z.boolean(), passwordPresent: z.boolean().optional() }).strict();

export const credentialReportRowSchema = z
  .object({
    user: z.string(),
    arn: z.string(),
    userCreationTime: reportDate,
    /** `not_supported` on the root row: root always has a password. */
    passwordEnabled: z.union([z.boolean(), z.literal('not_supported')]),
    passwordLastUsed: reportDate,
    passwordLastChanged: reportDate,
    passwordNextRotation: reportDate,
    mfaActive: z.boolean(),
    accessKeys: z.tuple([accessKeyColumns, accessKeyColumns]),
    certificates: z.tuple([
      z.object({ active: z.boolean(), lastRotated: reportDate }).strict(),
      z.object({ active: z.boolean(), lastRotated: reportDate }).strict(),
    ]),
    /** Why this row could not be parsed; its other columns are blanks and its user's findings UNKNOWN. */
    unreadable: z.string().optional(),
  })
  .strict();

const securityGroupRule = z
  .object({
    /** `-1` means every protocol; otherwise `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
    protocol: z.string(),
    fromPort: z.number().int().optional(),
    toPort: z.number().int().optional(),
    ipv4Ranges: z.array(z.string()),
    ipv6Ranges: z.array(z.string()),
    prefixListIds: z.array(z.string()),
    referencedGroupIds: z.array(z.string()),
  })
  .strict();

export const securityGroupSchema = z
  .object({
    groupId: z.string(),
    groupName: z.string(),
    description: z.string(),
    vpcId: z.string().optional(),
    ownerId: z.string(),
    inbound: z.array(securityGroupRule),
    outbound: z.array(securityGroupRule),
    tags,
  })
  .strict();

export const passwordPolicySchema = z
  .object({
    minimumLength: z.number().int(),
    requireSymbols: z.boolean(),
    requireNumbers: z.boolean(),
    requireUppercase: z.boolean(),
    requireLowercase: z.boolean(),
    allowUsersToChange: z.boolean(),
    /** Days; absent when passwords never expire. */
    maxAgeDays: z.number().int().optional(),
    /** Previous passwords remembered; absent when reuse is allowed. */
    reusePrevention: z.number().int().optional(),
    hardExpiry: z.boolean(),
  })
  .strict();

const virtualMfaDeviceSchema = z
  .object({
    serialNumber: z.string(),
    /** The user (or `…:root`) the device is assigned to; absent when unassigned. */
    userArn: z.string().optional(),
    enabledAt: timestamp.optional(),
  })
  .strict();

const inlinePolicySchema = z.object({ name: z.string(), document: z.string() }).strict();

const iamUserSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    path: z.string(),
    groups: z.array(z.string()),
    attachedPolicyArns: z.array(z.string()),
    inlinePolicies: z.array(inlinePolicySchema),
    tags: tags.optional(),
  })
  .strict();

const iamGroupSchema = z
  .object({ name: z.string(), arn: z.string(), path: z.string(), attachedPolicyArns: z.array(z.string()), inlinePolicies: z.array(inlinePolicySchema) })
  .strict();

const iamRoleSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    path: z.string(),
    /** The trust (assume-role) policy, URL-decoded JSON text. */
    trustPolicy: z.string(),
    attachedPolicyArns: z.array(z.string()),
    inlinePolicies: z.array(inlinePolicySchema),
    lastUsedAt: timestamp.optional(),
    tags: tags.optional(),
  })
  .strict();

const managedPolicySchema = z
  .object({
    arn: z.string(),
    name: z.string(),
    awsManaged: z.boolean(),
    attachmentCount: z.number().int(),
    /** The default version's document, URL-decoded JSON text. */
    document: z.string().optional(),
  })
  .strict();

/** GetAccountAuthorizationDetails, all pages: every user, group, role and managed policy with documents. */
export const authorizationSchema = z
  .object({ users: z.array(iamUserSchema), groups: z.array(iamGroupSchema), roles: z.array(iamRoleSchema), policies: z.array(managedPolicySchema) })
  .strict();

export const instanceSchema = z
  .object({
    instanceId: z.string(),
    state: z.string(),
    instanceType: z.string().optional(),
    name: z.string().optional(),
    keyName: z.string().optional(),
    imageId: z.string(),
    instanceProfileArn: z.string().optional(),
    publicIp: z.string().optional(),
    launchTime: timestamp.optional(),
    securityGroupIds: z.array(z.string()),
    tags: tags.optional(),
  })
  .strict();

export const keyPairSchema = z
  .object({ keyName: z.string(), keyPairId: z.string(), fingerprint: z.string(), keyType: z.string(), createdAt: timestamp.optional() })
  .strict();

export const publicAccessBlockSchema = z
  .object({ blockPublicAcls: z.boolean(), ignorePublicAcls: z.boolean(), blockPublicPolicy: z.boolean(), restrictPublicBuckets: z.boolean() })
  .strict();

const aclGrantSchema = z
  .object({
    /** `Group` grantees carry a URI (AllUsers, AuthenticatedUsers, LogDelivery); users an id or e-mail. */
    granteeType: z.string(),
    granteeUri: z.string().optional(),
    granteeId: z.string().optional(),
    permission: z.enum(['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP']),
  })
  .strict();

export const bucketSchema = z
  .object({
    name: z.string(),
    region: z.string(),
    createdAt: timestamp.optional(),
    /** Each per-bucket read can fail on its own (a bucket policy that denies the scanner, say). */
    acl: factSchema(z.object({ ownerId: z.string().optional(), grants: z.array(aclGrantSchema) }).strict()),
    /** null: the bucket has no policy. */
    policy: factSchema(z.string().nullable()),
    /** null: no bucket-level Block Public Access configuration. */
    publicAccessBlock: factSchema(publicAccessBlockSchema.nullable()),
  })
  .strict();

const sharedSnapshotSchema = z
  .object({ id: z.string(), arn: z.string().optional(), createdAt: timestamp.optional(), sizeGiB: z.number().optional(), encrypted: z.boolean().optional(), description: z.string().optional() })
  .strict();

const imageSchema = z
  .object({ imageId: z.string(), name: z.string().optional(), ownerId: z.string().optional(), createdAt: timestamp.optional(), deprecatedAt: timestamp.optional(), public: z.boolean() })
  .strict();

const secretHitSchema = z
  .object({ type: z.string(), preview: z.string(), line: z.number().int().optional(), name: z.string().optional() })
  .strict();

/** A resource scanned for secrets: only what was found, redacted, is kept, never the configuration itself. */
export const scannedSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), hits: z.array(secretHitSchema) }).strict();

const trailBucketSchema = z
  .object({
    name: z.string(),
    versioning: factSchema(z.object({ enabled: z.boolean(), mfaDelete: z.boolean() }).strict()),
    objectLock: factSchema(z.boolean()),
    accessLogging: factSchema(z.boolean()),
  })
  .strict();

export const trailSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    homeRegion: z.string(),
    multiRegion: z.boolean(),
    organizationTrail: z.boolean(),
    logFileValidation: z.boolean(),
    cloudWatchLogsLogGroupArn: z.string().optional(),
    kmsKeyId: z.string().optional(),
    s3BucketName: z.string().optional(),
    /** Whether the trail records now; when it does not, since when (an intruder's StopLogging leaves exactly this). */
    status: factSchema(z.object({ isLogging: z.boolean(), stoppedAt: timestamp.optional(), latestCloudWatchLogsDeliveryAt: timestamp.optional() }).strict()),
    /** Which management events the selectors (classic or advanced) record, and what they leave out. */
    managementEvents: factSchema(
      z
        .object({
          read: z.boolean(),
          write: z.boolean(),
          exclusions: z.array(z.string()),
          /** GetEventSelectors' answer as JSON ({EventSelectors, AdvancedEventSelectors}): a fix keeps the data-event selectors and its undo restores them all. */
          selectors: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

const guardDutySchema = z
  .object({
    detectors: z.array(z.object({ id: z.string(), status: z.string() }).strict()),
    /** Open (not archived) findings of severity 7 and above, with the most frequent types: a read of its own, so its failure leaves the detector status known. */
    highSeverity: factSchema(z.object({ open: z.number().int(), topTypes: z.array(z.string()) }).strict()),
  })
  .strict();

const billingSchema = z
  .object({
    /** CloudWatch alarms on AWS/Billing EstimatedCharges (us-east-1) and whether any action reaches a confirmed subscriber. */
    alarms: z.array(z.object({ name: z.string(), threshold: z.number().optional(), notifies: z.boolean() }).strict()),
    /** Budgets and whether each has a notification (a notification always has a subscriber). */
    budgets: z.array(z.object({ name: z.string(), notifies: z.boolean() }).strict()),
  })
  .strict();

const metricFilterSchema = z
  .object({ name: z.string(), logGroupName: z.string(), pattern: z.string(), metrics: z.array(z.object({ namespace: z.string(), name: z.string() }).strict()) })
  .strict();

const alarmSchema = z
  .object({ name: z.string(), namespace: z.string().optional(), metricName: z.string().optional(), notifies: z.boolean(), actions: z.array(z.string()) })
  .strict();

const kmsKeySchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    manager: z.enum(['AWS', 'CUSTOMER']),
    state: z.string(),
    spec: z.string(),
    /** Customer-managed, enabled, symmetric keys only; the others cannot rotate automatically. */
    rotation: factSchema(z.boolean()).optional(),
  })
  .strict();

/** The services auditors expect in every region (CIS): Config recording, Security Hub, IAM Access Analyzer. */
const guardRailsSchema = z
  .object({
    configRecording: factSchema(z.boolean()),
    securityHub: factSchema(z.boolean()),
    accessAnalyzer: factSchema(z.boolean()),
  })
  .strict();

const quotaUsageSchema = z.object({ name: z.string(), used: z.number(), limit: z.number() }).strict();
/** One regional quota: its usage against its limit, or why they could not be read (that quota alone is UNKNOWN). */
const quotaReadingSchema = z.union([quotaUsageSchema, z.object({ name: z.string(), notCollected: notCollectedSchema }).strict()]);

export const inventorySchema = z
  .object({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
    generator: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    collectedAt: timestamp,
    /** Set on the bundled demo account so no report can pass it off as a real one. */
    demo: z.boolean().optional(),
    account: z
      .object({
        id: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
        partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
        callerArn: z.string().optional(),
      })
      .strict(),
    regions: z
      .object({
        scanned: z.array(z.string()),
        skipped: z.array(z.object({ region: z.string(), reason: z.string() }).strict()),
      })
      .strict(),
    iam: z
      .object({
        credentialReport: factSchema(z.array(credentialReportRowSchema)).optional(),
        /** null: the account has no password policy (IAM answered NoSuchEntity). */
        passwordPolicy: factSchema(passwordPolicySchema.nullable()).optional(),
        virtualMfaDevices: factSchema(z.array(virtualMfaDeviceSchema)).optional(),
        authorization: factSchema(authorizationSchema).optional(),
        /** Access keys by user name, read for fixing (ids) and re-verifying (live status). */
        accessKeys: factSchema(z.record(z.string(), z.array(accessKeyStateSchema))).optional(),
        /** The root user's credentials as GetAccountSummary counts them (the fallback when the report has no root row). */
        rootSummary: factSchema(rootSummarySchema).optional(),
        /** Whether the organisation manages member accounts' root credentials centrally (ListOrganizationsFeatures); false outside an organisation. */
        rootCredentialsManagement: factSchema(z.boolean()).optional(),
      })
      .strict(),
    s3: z
      .object({
        /** null: no account-level Block Public Access configuration (all four settings off). */
        accountPublicAccessBlock: factSchema(publicAccessBlockSchema.nullable()).optional(),
        buckets: factSchema(z.array(bucketSchema)).optional(),
        /** Tags by bucket name; read only when a suppression matches by tag (no check needs them). */
        bucketTags: factSchema(z.record(z.string(), tags)).optional(),
      })
      .strict()
      .default({}),
    secrets: z
      .object({
        lambdaFunctions: perRegion(z.array(scannedSchema)).optional(),
        userData: perRegion(z.array(scannedSchema)).optional(),
        cloudFormationStacks: perRegion(z.array(scannedSchema)).optional(),
        ecsTaskDefinitions: perRegion(z.array(scannedSchema)).optional(),
      })
      .strict()
      .default({}),
    cloudtrail: z
      .object({
        trails: factSchema(z.array(trailSchema)).optional(),
        /** The buckets trails deliver to: deletion protection and access logging. */
        trailBuckets: factSchema(z.array(trailBucketSchema)).optional(),
      })
      .strict()
      .default({}),
    monitoring: z
      .object({
        metricFilters: perRegion(z.array(metricFilterSchema)).optional(),
        /** Metric alarms, and whether an action reaches an SNS topic with a confirmed subscription. */
        alarms: perRegion(z.array(alarmSchema)).optional(),
      })
      .strict()
      .default({}),
    guardduty: z.object({ regions: perRegion(guardDutySchema).optional() }).strict().default({}),
    kms: z.object({ keys: perRegion(z.array(kmsKeySchema)).optional() }).strict().default({}),
    guardRails: z.object({ regions: perRegion(guardRailsSchema).optional() }).strict().default({}),
    quotas: z
      .object({
        /** Account-wide quotas with usage (IAM, from GetAccountSummary). */
        account: factSchema(z.array(quotaUsageSchema)).optional(),
        /** Per region: Elastic IPs, VPCs, running On-Demand standard vCPUs against Service Quotas. */
        regions: perRegion(z.array(quotaReadingSchema)).optional(),
        /** Trusted Advisor security checks that flag something; null without Business or Enterprise Support. */
        trustedAdvisor: factSchema(z.array(z.object({ name: z.string(), status: z.string(), flagged: z.number() }).strict()).nullable()).optional(),
      })
      .strict()
      .default({}),
    accountSettings: z
      .object({
        /** null: no SECURITY alternate contact is set. */
        securityContact: factSchema(z.object({ name: z.string(), email: z.string() }).strict().nullable()).optional(),
        billing: factSchema(billingSchema).optional(),
      })
      .strict()
      .default({}),
    rds: z
      .object({
        /** Manual DB and cluster snapshots whose restore attribute includes `all`. */
        publicSnapshots: perRegion(z.array(sharedSnapshotSchema.extend({ kind: z.enum(['instance', 'cluster']) }))).optional(),
      })
      .strict()
      .default({}),
    organizations: z
      .object({
        /** null: the account is in no organisation (AWSOrganizationsNotInUseException). */
        organization: factSchema(z.object({ id: z.string(), managementAccountId: z.string() }).strict().nullable()).optional(),
      })
      .strict()
      .default({}),
    ec2: z
      .object({
        securityGroups: perRegion(z.array(securityGroupSchema)).optional(),
        /** Every instance that is not terminated. */
        instances: perRegion(z.array(instanceSchema)).optional(),
        keyPairs: perRegion(z.array(keyPairSchema)).optional(),
        /** EBS snapshots of the account that anyone can restore (createVolumePermission group all). */
        publicSnapshots: perRegion(z.array(sharedSnapshotSchema)).optional(),
        /** AMIs of the account that anyone can launch. */
        publicImages: perRegion(z.array(imageSchema)).optional(),
        /** The AMIs running instances were launched from; absent ones no longer exist. */
        instanceImages: perRegion(z.array(imageSchema)).optional(),
        /** Network interfaces per security group id: what closing a group would cut off. */
        securityGroupUse: perRegion(z.record(z.string(), z.number().int())).optional(),
        /** EBS snapshot block public access: `unblocked`, `block-new-sharing` or `block-all-sharing`. */
        snapshotBlockPublicAccess: perRegion(z.string()).optional(),
      })
      .strict(),
  })
  .strict();

export type Inventory = z.infer<typeof inventorySchema>;
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;
export type AccessKeyState = z.infer<typeof accessKeyStateSchema>;
export type ReportDate = CredentialReportRow['passwordLastUsed'];
export type Ec2SecurityGroup = z.infer<typeof securityGroupSchema>;
export type Ec2SecurityGroupRule = Ec2SecurityGroup['inbound'][number];
export type AccountInfo = Inventory['account'];
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
export type VirtualMfaDevice = z.infer<typeof virtualMfaDeviceSchema>;
export type Authorization = z.infer<typeof authorizationSchema>;
export type IamUser = Authorization['users'][number];
export type IamGroup = Authorization['groups'][number];
export type IamRole = Authorization['roles'][number];
export type ManagedPolicy = Authorization['policies'][number];
export type Partition = AccountInfo['partition'];
export type Ec2Instance = z.infer<typeof instanceSchema>;
export type Ec2KeyPair = z.infer<typeof keyPairSchema>;
export type PublicAccessBlock = z.infer<typeof publicAccessBlockSchema>;
export type S3Bucket = z.infer<typeof bucketSchema>;
export type SharedSnapshot = z.infer<typeof sharedSnapshotSchema>;
export type Ec2Image = z.infer<typeof imageSchema>;
export type Scanned = z.infer<typeof scannedSchema>;
export type Trail = z.infer<typeof trailSchema>;
export type RootSummary = z.infer<typeof rootSummarySchema>;
export type TrailBucket = z.infer<typeof trailBucketSchema>;
export type MetricFilter = z.infer<typeof metricFilterSchema>;
export type Alarm = z.infer<typeof alarmSchema>;
export type KmsKey = z.infer<typeof kmsKeySchema>;
export type GuardRails = z.infer<typeof guardRailsSchema>;
export type QuotaUsage = z.infer<typeof quotaUsageSchema>;
export type QuotaReading = z.infer<typeof quotaReadingSchema>;
export type GuardDutyRegion = z.infer<typeof guardDutySchema>;
export type AclGrant = S3Bucket['acl'] extends infer F ? (F extends { status: 'collected'; value: { grants: (infer G)[] } } ? G : never) : never;
