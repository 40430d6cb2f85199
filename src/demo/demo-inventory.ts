/**
 * The bundled demo: a deliberately misconfigured sample account, evaluated exactly like a saved
 * inventory. Each checklist item with a check has failing and (where an account can have both)
 * passing resources, and one region is unreadable so UNKNOWN and missing permissions show too.
 */
import {
  INVENTORY_SCHEMA_VERSION,
  type Authorization,
  type CredentialReportRow,
  type Ec2Instance,
  type Ec2KeyPair,
  type Ec2SecurityGroup,
  type Inventory,
} from '../inventory/schema.js';
import { VERSION } from '../version.js';

const ACCOUNT = '111122223333';
const noKey = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
const noCerts: CredentialReportRow['certificates'] = [
  { active: false, lastRotated: null },
  { active: false, lastRotated: null },
];

function demoUser(name: string, row: Partial<CredentialReportRow>): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    userCreationTime: '2024-03-04T10:00:00+00:00',
    passwordEnabled: true,
    passwordLastUsed: '2026-10-30T08:12:00+00:00',
    passwordLastChanged: '2026-06-01T10:00:00+00:00',
    passwordNextRotation: null,
    mfaActive: true,
    accessKeys: [noKey, noKey],
    certificates: noCerts,
    ...row,
  };
}

const credentialReport: CredentialReportRow[] = [
  demoUser('<root_account>', {
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    userCreationTime: '2019-05-20T09:00:00+00:00',
    passwordEnabled: 'not_supported',
    passwordLastChanged: 'not_supported',
    passwordNextRotation: 'not_supported',
    passwordLastUsed: '2026-10-28T21:40:00+00:00',
    mfaActive: false,
  }),
  demoUser('alice', { passwordLastChanged: '2026-09-20T08:00:00+00:00' }),
  demoUser('bob', { mfaActive: false, passwordLastUsed: '2026-10-21T17:03:00+00:00' }),
  demoUser('intern-2023', { mfaActive: false, passwordLastUsed: null, passwordLastChanged: null, userCreationTime: '2023-06-12T09:00:00+00:00' }),
  apiUser('ci-deploy', [
    { active: true, lastRotated: '2024-03-04T10:05:00+00:00', lastUsedDate: '2026-10-31T03:00:00+00:00', lastUsedRegion: 'eu-west-1', lastUsedService: 's3' },
    { active: true, lastRotated: '2026-02-01T12:00:00+00:00', lastUsedDate: null, lastUsedRegion: null, lastUsedService: null },
  ]),
  apiUser('backup-job', [
    { active: true, lastRotated: '2026-08-20T12:00:00+00:00', lastUsedDate: '2026-10-31T23:10:00+00:00', lastUsedRegion: 'us-east-1', lastUsedService: 's3' },
    noKey,
  ]),
  apiUser('old-etl', [
    { active: true, lastRotated: '2025-01-10T12:00:00+00:00', lastUsedDate: '2025-06-01T02:00:00+00:00', lastUsedRegion: 'eu-west-1', lastUsedService: 'glue' },
    noKey,
  ]),
];

/** Access key ids as ListAccessKeys gives them (fake, clearly labelled DEMO), for the fix plan. */
const accessKeys = Object.fromEntries(
  credentialReport
    .filter((row) => row.accessKeys.some((key) => key.active))
    .map((row) => [
      row.user,
      row.accessKeys.flatMap((key, i) =>
        key.active && typeof key.lastRotated === 'string' ? [{ id: `AKIADEMO${row.user.replace(/[^a-z0-9]/gi, '').toUpperCase()}${i + 1}`.padEnd(20, 'X').slice(0, 20), active: true, createdAt: new Date(key.lastRotated).toISOString() }] : [],
      ),
    ]),
);

/** A user with access keys and no console password. */
function apiUser(name: string, accessKeys: CredentialReportRow['accessKeys']): CredentialReportRow {
  return demoUser(name, { passwordEnabled: false, passwordLastUsed: null, passwordLastChanged: null, mfaActive: false, accessKeys });
}

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const own = (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`;
const assume = (principal: object, condition?: object) =>
  policy({ Effect: 'Allow', Principal: principal, Action: 'Federated' in principal ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });

const authorization: Authorization = {
  users: [
    { name: 'alice', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, path: '/', groups: ['admins'], attachedPolicyArns: [], inlinePolicies: [] },
    { name: 'bob', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, path: '/', groups: ['developers'], attachedPolicyArns: [ADMIN], inlinePolicies: [] },
    { name: 'intern-2023', arn: `arn:aws:iam::${ACCOUNT}:user/intern-2023`, path: '/', groups: ['developers'], attachedPolicyArns: [], inlinePolicies: [] },
    {
      name: 'ci-deploy',
      arn: `arn:aws:iam::${ACCOUNT}:user/ci-deploy`,
      path: '/',
      groups: [],
      attachedPolicyArns: [],
      inlinePolicies: [{ name: 'deploy-lambda', document: policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:UpdateFunctionConfiguration'], Resource: '*' }) }],
    },
    { name: 'backup-job', arn: `arn:aws:iam::${ACCOUNT}:user/backup-job`, path: '/', groups: ['backup'], attachedPolicyArns: [], inlinePolicies: [] },
    { name: 'old-etl', arn: `arn:aws:iam::${ACCOUNT}:user/old-etl`, path: '/', groups: ['backup'], attachedPolicyArns: [], inlinePolicies: [] },
  ],
  groups: [
    { name: 'admins', arn: `arn:aws:iam::${ACCOUNT}:group/admins`, path: '/', attachedPolicyArns: [ADMIN, own('ForceMFA')], inlinePolicies: [] },
    { name: 'developers', arn: `arn:aws:iam::${ACCOUNT}:group/developers`, path: '/', attachedPolicyArns: [own('dev-access')], inlinePolicies: [] },
    { name: 'backup', arn: `arn:aws:iam::${ACCOUNT}:group/backup`, path: '/', attachedPolicyArns: [own('backup-writer')], inlinePolicies: [] },
  ],
  roles: [
    { name: 'app-server', arn: `arn:aws:iam::${ACCOUNT}:role/app-server`, path: '/', trustPolicy: assume({ Service: 'ec2.amazonaws.com' }), attachedPolicyArns: [own('backup-writer')], inlinePolicies: [] },
    { name: 'OrganizationAccountAccessRole', arn: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`, path: '/', trustPolicy: assume({ AWS: 'arn:aws:iam::444455556666:root' }), attachedPolicyArns: [ADMIN], inlinePolicies: [] },
    {
      name: 'github-deploy',
      arn: `arn:aws:iam::${ACCOUNT}:role/github-deploy`,
      path: '/',
      trustPolicy: assume({ Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
      attachedPolicyArns: [own('dev-access')],
      inlinePolicies: [],
    },
    {
      name: 'AWSReservedSSO_AdministratorAccess_4f1c2a',
      arn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_4f1c2a`,
      path: '/aws-reserved/sso.amazonaws.com/',
      trustPolicy: assume({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` }, { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } }),
      attachedPolicyArns: [ADMIN],
      inlinePolicies: [],
    },
  ],
  policies: [
    { arn: ADMIN, name: 'AdministratorAccess', awsManaged: true, attachmentCount: 4, document: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) },
    {
      arn: own('ForceMFA'),
      name: 'ForceMFA',
      awsManaged: false,
      attachmentCount: 1,
      document: policy({
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    },
    { arn: own('dev-access'), name: 'dev-access', awsManaged: false, attachmentCount: 2, document: policy({ Effect: 'Allow', Action: ['s3:*', 'lambda:*', 'logs:*', 'dynamodb:*'], Resource: '*' }) },
    { arn: own('backup-writer'), name: 'backup-writer', awsManaged: false, attachmentCount: 2, document: policy({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::demo-backups/*' }) },
    { arn: own('legacy-full-access'), name: 'legacy-full-access', awsManaged: false, attachmentCount: 0, document: policy({ Effect: 'Allow', NotAction: 'support:*', Resource: '*' }) },
  ],
};

const OLD_AMI = 'ami-0c1d2e3f4a5b6c7d8';
const NEW_AMI = 'ami-0e1f2a3b4c5d6e7f8';

function instance(id: string, name: string, keyName: string, profile: boolean, more: Partial<Ec2Instance> = {}): Ec2Instance {
  return {
    instanceId: id,
    state: 'running',
    name,
    keyName,
    imageId: OLD_AMI,
    ...(profile ? { instanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/app-server` } : {}),
    launchTime: '2026-09-14T08:00:00.000Z',
    securityGroupIds: ['sg-0b22c33d44e55f662'],
    ...more,
  };
}

const BUCKET_BLOCK_ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const ownerGrant = { granteeType: 'CanonicalUser', granteeId: 'demo-owner', permission: 'FULL_CONTROL' as const };
const allUsers = (permission: 'READ' | 'WRITE') => ({ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission });
const collectedValue = <T>(value: T) => ({ status: 'collected' as const, value });

function bucket(name: string, region: string, parts: { grants?: ReturnType<typeof allUsers>[]; policy?: string; block?: typeof BUCKET_BLOCK_ALL }) {
  return {
    name,
    region,
    createdAt: '2024-02-01T10:00:00.000Z',
    acl: collectedValue({ ownerId: 'demo-owner', grants: [ownerGrant, ...(parts.grants ?? [])] }),
    policy: collectedValue(parts.policy ?? null),
    publicAccessBlock: collectedValue(parts.block ?? null),
  };
}

const buckets = [
  bucket('demo-website-assets', 'us-east-1', { policy: policy({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-website-assets/*' }) }),
  bucket('demo-customer-uploads', 'us-east-1', { grants: [allUsers('WRITE')] }),
  bucket('demo-backups', 'eu-west-1', { block: BUCKET_BLOCK_ALL }),
  bucket('demo-access-logs', 'eu-west-1', { grants: [allUsers('READ')], block: { ...BUCKET_BLOCK_ALL, blockPublicPolicy: false, restrictPublicBuckets: false } }),
  bucket('demo-partner-share', 'eu-west-1', {
    policy: policy({ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::demo-partner-share', 'arn:aws:s3:::demo-partner-share/*'], Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-demo1a2b3c' } } }),
  }),
];

const scanned = (id: string, name: string, kind: string, hits: { type: string; preview: string; name?: string; line?: number }[] = []) => ({ id, name, kind, hits });
const arn = (service: string, region: string, rest: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;

const keyPair = (keyName: string, fingerprint: string, id: string): Ec2KeyPair => ({ keyName, keyPairId: id, fingerprint, keyType: 'rsa', createdAt: '2024-03-01T10:00:00.000Z' });

/** What an SCP that denies a region looks like from the scanner. */
const scpDenied = (operation: string, service = 'ec2') =>
  ({
    status: 'not-collected',
    kind: 'access-denied',
    operation: `${service}:${operation}`,
    errorCode: service === 'ec2' ? 'UnauthorizedOperation' : 'AccessDenied',
    message: 'You are not authorized to perform this operation (explicit deny in a service control policy)',
    permission: `${service}:${operation}`,
  }) as const;

function group(region: string, id: string, name: string, inbound: Ec2SecurityGroup['inbound'], tags: Record<string, string> = {}): Ec2SecurityGroup {
  return {
    groupId: id,
    groupName: name,
    description: `${name} (${region})`,
    vpcId: region === 'us-east-1' ? 'vpc-0e1d2c3b4a5f60718' : 'vpc-0f9e8d7c6b5a49382',
    ownerId: ACCOUNT,
    inbound,
    outbound: [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }],
    tags,
  };
}

const tcp = (port: number, cidrs: { v4?: string[]; v6?: string[]; groups?: string[] }, toPort = port) => ({
  protocol: 'tcp',
  fromPort: port,
  toPort,
  ipv4Ranges: cidrs.v4 ?? [],
  ipv6Ranges: cidrs.v6 ?? [],
  prefixListIds: [],
  referencedGroupIds: cidrs.groups ?? [],
});

export function demoInventory(): Inventory {
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: VERSION },
    collectedAt: '2026-11-01T09:00:00.000Z',
    demo: true,
    account: { id: ACCOUNT, partition: 'aws', callerArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
    regions: {
      scanned: ['ap-southeast-2', 'eu-west-1', 'us-east-1'],
      skipped: [
        { region: 'af-south-1', reason: 'opt-in region not enabled for this account' },
        { region: 'ap-east-1', reason: 'opt-in region not enabled for this account' },
      ],
    },
    iam: {
      credentialReport: { status: 'collected', value: credentialReport },
      accessKeys: { status: 'collected', value: accessKeys },
      passwordPolicy: {
        status: 'collected',
        value: { minimumLength: 8, requireSymbols: false, requireNumbers: true, requireUppercase: true, requireLowercase: true, allowUsersToChange: true, hardExpiry: false },
      },
      virtualMfaDevices: {
        status: 'collected',
        value: [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice-phone`, userArn: `arn:aws:iam::${ACCOUNT}:user/alice`, enabledAt: '2024-03-05T09:00:00.000Z' }],
      },
      authorization: { status: 'collected', value: authorization },
    },
    s3: {
      accountPublicAccessBlock: collectedValue(null),
      buckets: collectedValue(buckets),
      // Read only when a suppression matches by tag; the demo has them so such suppressions can be tried.
      bucketTags: collectedValue(Object.fromEntries(buckets.map((b) => [b.name, b.name === 'demo-website-assets' ? { Purpose: 'website', Environment: 'production' } : {}]))),
    },
    rds: {
      publicSnapshots: {
        'us-east-1': collectedValue([{ kind: 'instance' as const, id: 'orders-before-migration', arn: arn('rds', 'us-east-1', 'snapshot:orders-before-migration'), encrypted: false }]),
        'eu-west-1': collectedValue([]),
        'ap-southeast-2': scpDenied('DescribeDBSnapshots', 'rds'),
      },
    },
    cloudtrail: {
      trails: collectedValue([
        {
          name: 'management-events',
          arn: arn('cloudtrail', 'us-east-1', 'trail/management-events'),
          homeRegion: 'us-east-1',
          multiRegion: false,
          organizationTrail: false,
          logFileValidation: false,
          s3BucketName: 'demo-access-logs',
          status: collectedValue({ isLogging: true }),
          managementEvents: collectedValue({ read: true, write: true, exclusions: [] }),
        },
        {
          name: 'eu-audit',
          arn: arn('cloudtrail', 'eu-west-1', 'trail/eu-audit'),
          homeRegion: 'eu-west-1',
          multiRegion: true,
          organizationTrail: false,
          logFileValidation: true,
          cloudWatchLogsLogGroupArn: arn('logs', 'eu-west-1', 'log-group:eu-audit:*'),
          kmsKeyId: arn('kms', 'eu-west-1', 'key/0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f'),
          s3BucketName: 'demo-backups',
          status: collectedValue({ isLogging: true, latestCloudWatchLogsDeliveryAt: '2026-11-01T08:55:00.000Z' }),
          // Read-only: writes (the events that matter most) go unrecorded outside us-east-1.
          managementEvents: collectedValue({ read: true, write: false, exclusions: [] }),
        },
      ]),
      trailBuckets: collectedValue([
        { name: 'demo-access-logs', versioning: collectedValue({ enabled: false, mfaDelete: false }), objectLock: collectedValue(false), accessLogging: collectedValue(false) },
        { name: 'demo-backups', versioning: collectedValue({ enabled: true, mfaDelete: false }), objectLock: collectedValue(true), accessLogging: collectedValue(true) },
      ]),
    },
    monitoring: {
      // The eu-audit trail streams here: root use raises an alarm, nothing else does.
      metricFilters: {
        'eu-west-1': collectedValue([
          { name: 'root-usage', logGroupName: 'eu-audit', pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', metrics: [{ namespace: 'CIS', name: 'RootUsage' }] },
        ]),
        'us-east-1': collectedValue([]),
        'ap-southeast-2': scpDenied('DescribeMetricFilters', 'logs'),
      },
      alarms: {
        'eu-west-1': collectedValue([{ name: 'root-usage', namespace: 'CIS', metricName: 'RootUsage', notifies: true, actions: [arn('sns', 'eu-west-1', 'security-alerts')] }]),
        'us-east-1': collectedValue([]),
        'ap-southeast-2': scpDenied('DescribeAlarms', 'cloudwatch'),
      },
    },
    kms: {
      keys: {
        'us-east-1': collectedValue([
          { id: '1a2b3c4d-0000-4000-8000-000000000001', arn: arn('kms', 'us-east-1', 'key/1a2b3c4d-0000-4000-8000-000000000001'), manager: 'CUSTOMER' as const, state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', rotation: collectedValue(false) },
          { id: '1a2b3c4d-0000-4000-8000-000000000002', arn: arn('kms', 'us-east-1', 'key/1a2b3c4d-0000-4000-8000-000000000002'), manager: 'AWS' as const, state: 'Enabled', spec: 'SYMMETRIC_DEFAULT' },
        ]),
        'eu-west-1': collectedValue([{ id: '5e6f7a8b-0000-4000-8000-000000000003', arn: arn('kms', 'eu-west-1', 'key/5e6f7a8b-0000-4000-8000-000000000003'), manager: 'CUSTOMER' as const, state: 'Enabled', spec: 'SYMMETRIC_DEFAULT', rotation: collectedValue(true) }]),
        'ap-southeast-2': scpDenied('ListKeys', 'kms'),
      },
    },
    quotas: {
      account: collectedValue([
        { name: 'IAM users', used: 6, limit: 5000 },
        { name: 'IAM roles', used: 48, limit: 1000 },
      ]),
      regions: {
        'us-east-1': collectedValue([
          { name: 'Elastic IP addresses', used: 5, limit: 5 },
          { name: 'running On-Demand standard vCPUs', used: 12, limit: 32 },
        ]),
        'eu-west-1': collectedValue([{ name: 'VPCs', used: 2, limit: 5 }]),
        'ap-southeast-2': scpDenied('DescribeAddresses'),
      },
      trustedAdvisor: collectedValue(null),
    },
    guardRails: {
      regions: {
        'us-east-1': collectedValue({ configRecording: collectedValue(true), securityHub: collectedValue(true), accessAnalyzer: collectedValue(true) }),
        'eu-west-1': collectedValue({ configRecording: collectedValue(false), securityHub: collectedValue(false), accessAnalyzer: collectedValue(false) }),
        'ap-southeast-2': scpDenied('DescribeConfigurationRecorderStatus', 'config'),
      },
    },
    guardduty: {
      regions: {
        'us-east-1': collectedValue({ detectors: [{ id: '12abc34d567e8fa901bc2d34e56789f0', status: 'ENABLED' }], highSeverityOpen: 3, topTypes: ['CryptoCurrency:EC2/BitcoinTool.B!DNS', 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'] }),
        'eu-west-1': collectedValue({ detectors: [{ id: '98fed76c543b2a109fe8d76c543b2a10', status: 'ENABLED' }], highSeverityOpen: 0, topTypes: [] }),
        'ap-southeast-2': collectedValue({ detectors: [], highSeverityOpen: 0, topTypes: [] }),
      },
    },
    accountSettings: {
      securityContact: collectedValue(null),
      billing: collectedValue({ alarms: [{ name: 'bill-over-500', threshold: 500, notifies: false }], budgets: [] }),
    },
    secrets: {
      lambdaFunctions: {
        'us-east-1': collectedValue([
          scanned(arn('lambda', 'us-east-1', 'function:orders-api'), 'orders-api', 'Lambda function', [
            { type: 'AWS access key id', preview: 'AKIA… (20 chars)', name: 'AWS_ACCESS_KEY_ID' },
            { type: 'AWS secret access key', preview: 'q2Vb… (40 chars)', name: 'AWS_SECRET_ACCESS_KEY' },
          ]),
          scanned(arn('lambda', 'us-east-1', 'function:thumbnailer'), 'thumbnailer', 'Lambda function'),
        ]),
        'eu-west-1': collectedValue([scanned(arn('lambda', 'eu-west-1', 'function:report-mailer'), 'report-mailer', 'Lambda function', [{ type: 'plaintext secret', preview: 'Smtp… (14 chars)', name: 'SMTP_PASSWORD' }])]),
        'ap-southeast-2': scpDenied('ListFunctions', 'lambda'),
      },
      userData: {
        'us-east-1': collectedValue([
          scanned(arn('ec2', 'us-east-1', 'instance/i-0a1b2c3d4e5f60001'), 'i-0a1b2c3d4e5f60001 (web-1)', 'EC2 instance'),
          scanned(arn('ec2', 'us-east-1', 'instance/i-0a1b2c3d4e5f60002'), 'i-0a1b2c3d4e5f60002 (web-2)', 'EC2 instance', [{ type: 'private key (openssh private key)', preview: '----… (35 chars)', line: 12 }]),
          scanned(arn('ec2', 'us-east-1', 'launch-template/lt-0abc1234def567890'), 'web-template v7', 'launch template'),
        ]),
        'eu-west-1': collectedValue([scanned(arn('ec2', 'eu-west-1', 'instance/i-0b2c3d4e5f6a70001'), 'i-0b2c3d4e5f6a70001 (bastion)', 'EC2 instance')]),
        'ap-southeast-2': scpDenied('DescribeInstances'),
      },
      cloudFormationStacks: {
        'us-east-1': collectedValue([
          scanned(arn('cloudformation', 'us-east-1', 'stack/network/5f1d'), 'network', 'CloudFormation stack'),
          scanned(arn('cloudformation', 'us-east-1', 'stack/legacy-db/8a2c'), 'legacy-db', 'CloudFormation stack', [{ type: 'plaintext secret', preview: 'Wint… (12 chars)', name: 'parameter DBPassword' }]),
        ]),
        'eu-west-1': collectedValue([]),
        'ap-southeast-2': scpDenied('DescribeStacks', 'cloudformation'),
      },
      ecsTaskDefinitions: {
        'us-east-1': collectedValue([scanned(arn('ecs', 'us-east-1', 'task-definition/worker:12'), 'worker:12', 'ECS task definition')]),
        'eu-west-1': collectedValue([]),
        'ap-southeast-2': scpDenied('ListTaskDefinitionFamilies', 'ecs'),
      },
    },
    organizations: { organization: { status: 'collected', value: { id: 'o-demo1a2b3c', managementAccountId: '444455556666' } } },
    ec2: {
      securityGroups: {
        'us-east-1': {
          status: 'collected',
          value: [
            group('us-east-1', 'sg-0a11b22c33d44e551', 'default', [tcp(0, { groups: ['sg-0a11b22c33d44e551'] }, 65535)]),
            group('us-east-1', 'sg-0b22c33d44e55f662', 'web-public', [tcp(443, { v4: ['0.0.0.0/0'], v6: ['::/0'] }), tcp(80, { v4: ['0.0.0.0/0'] })]),
            group('us-east-1', 'sg-0c33d44e55f66a773', 'launch-wizard-1', [tcp(22, { v4: ['0.0.0.0/0'] })]),
            group('us-east-1', 'sg-0d44e55f66a77b884', 'bastion', [tcp(22, { v4: ['198.51.100.0/24'] })]),
            group('us-east-1', 'sg-0a9b8c7d6e5f4a3b2', 'db-legacy', [tcp(5432, { v4: ['0.0.0.0/0'] }), tcp(6379, { v4: ['0.0.0.0/0'] })]),
          ],
        },
        'eu-west-1': {
          status: 'collected',
          value: [
            group('eu-west-1', 'sg-0e55f66a77b88c995', 'windows-jump', [tcp(3389, { v6: ['::/0'] })]),
            group(
              'eu-west-1',
              'sg-0f66a77b88c99d0a6',
              'temp-debug',
              [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }],
              { Environment: 'sandbox', Owner: 'carol' },
            ),
            group('eu-west-1', 'sg-01a2b3c4d5e6f7a8b', 'app-internal', [tcp(8080, { groups: ['sg-0b22c33d44e55f662'] })]),
          ],
        },
        'ap-southeast-2': scpDenied('DescribeSecurityGroups'),
      },
      instances: {
        'us-east-1': {
          status: 'collected',
          value: [
            instance('i-0a1b2c3d4e5f60001', 'web-1', 'deploy-master', true, { publicIp: '203.0.113.10', imageId: NEW_AMI }),
            instance('i-0a1b2c3d4e5f60002', 'web-2', 'deploy-master', false, { publicIp: '203.0.113.11', securityGroupIds: ['sg-0b22c33d44e55f662', 'sg-0a9b8c7d6e5f4a3b2'] }),
            instance('i-0a1b2c3d4e5f60003', 'web-3', 'deploy-master', true, { imageId: 'ami-0d0d0d0d0d0d0d0d0' }),
            instance('i-0a1b2c3d4e5f60004', 'old-build', 'deploy-master', false, { state: 'stopped' }),
          ],
        },
        'eu-west-1': { status: 'collected', value: [instance('i-0b2c3d4e5f6a70001', 'bastion', 'alice', true, { imageId: NEW_AMI })] },
        'ap-southeast-2': scpDenied('DescribeInstances'),
      },
      keyPairs: {
        'us-east-1': { status: 'collected', value: [keyPair('deploy-master', '3a:91:cc:07:5e', 'key-0a11'), keyPair('alice', 'b4:02:7d:19:e0', 'key-0a12')] },
        'eu-west-1': { status: 'collected', value: [keyPair('alice', 'b4:02:7d:19:e0', 'key-0b21'), keyPair('ops-2025', '6c:e8:41:aa:2f', 'key-0b22')] },
        'ap-southeast-2': scpDenied('DescribeKeyPairs'),
      },
      publicSnapshots: {
        'us-east-1': collectedValue([{ id: 'snap-0f1e2d3c4b5a69788', createdAt: '2025-08-02T03:00:00.000Z', sizeGiB: 200, encrypted: false, description: 'orders-db manual dump' }]),
        'eu-west-1': collectedValue([]),
        'ap-southeast-2': scpDenied('DescribeSnapshots'),
      },
      publicImages: {
        'us-east-1': collectedValue([]),
        'eu-west-1': collectedValue([{ imageId: 'ami-0aa1bb2cc3dd4ee5f', name: 'golden-web-2024-03', ownerId: ACCOUNT, createdAt: '2024-03-01T00:00:00.000Z', public: true }]),
        'ap-southeast-2': scpDenied('DescribeImages'),
      },
      instanceImages: {
        'us-east-1': collectedValue([
          { imageId: OLD_AMI, name: 'al2-web-2024-01', ownerId: ACCOUNT, createdAt: '2024-01-10T00:00:00.000Z', public: false },
          { imageId: NEW_AMI, name: 'al2023-web-2026-09', ownerId: ACCOUNT, createdAt: '2026-09-01T00:00:00.000Z', public: false },
        ]),
        'eu-west-1': collectedValue([{ imageId: NEW_AMI, name: 'al2023-web-2026-09', ownerId: ACCOUNT, createdAt: '2026-09-01T00:00:00.000Z', public: false }]),
        'ap-southeast-2': scpDenied('DescribeImages'),
      },
    },
  };
}
