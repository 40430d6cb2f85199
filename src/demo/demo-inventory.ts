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

function instance(id: string, name: string, keyName: string, profile: boolean, state = 'running'): Ec2Instance {
  return {
    instanceId: id,
    state,
    name,
    keyName,
    imageId: 'ami-0c1d2e3f4a5b6c7d8',
    ...(profile ? { instanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/app-server` } : {}),
    launchTime: '2026-09-14T08:00:00.000Z',
    securityGroupIds: ['sg-0b22c33d44e55f662'],
  };
}

const keyPair = (keyName: string, fingerprint: string, id: string): Ec2KeyPair => ({ keyName, keyPairId: id, fingerprint, keyType: 'rsa', createdAt: '2024-03-01T10:00:00.000Z' });

const scpDenied = (operation: string) =>
  ({
    status: 'not-collected',
    kind: 'access-denied',
    operation: `ec2:${operation}`,
    errorCode: 'UnauthorizedOperation',
    message: 'You are not authorized to perform this operation (explicit deny in a service control policy)',
    permission: `ec2:${operation}`,
  }) as const;

function group(region: string, id: string, name: string, inbound: Ec2SecurityGroup['inbound']): Ec2SecurityGroup {
  return {
    groupId: id,
    groupName: name,
    description: `${name} (${region})`,
    vpcId: region === 'us-east-1' ? 'vpc-0e1d2c3b4a5f60718' : 'vpc-0f9e8d7c6b5a49382',
    ownerId: ACCOUNT,
    inbound,
    outbound: [{ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] }],
    tags: {},
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
    s3: {},
    rds: {},
    secrets: {},
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
          ],
        },
        'eu-west-1': {
          status: 'collected',
          value: [
            group('eu-west-1', 'sg-0e55f66a77b88c995', 'windows-jump', [tcp(3389, { v6: ['::/0'] })]),
            group('eu-west-1', 'sg-0f66a77b88c99d0a6', 'temp-debug', [
              { protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [] },
            ]),
            group('eu-west-1', 'sg-01a2b3c4d5e6f7a8b', 'app-internal', [tcp(8080, { groups: ['sg-0b22c33d44e55f662'] })]),
          ],
        },
        'ap-southeast-2': scpDenied('DescribeSecurityGroups'),
      },
      instances: {
        'us-east-1': {
          status: 'collected',
          value: [
            instance('i-0a1b2c3d4e5f60001', 'web-1', 'deploy-master', true),
            instance('i-0a1b2c3d4e5f60002', 'web-2', 'deploy-master', false),
            instance('i-0a1b2c3d4e5f60003', 'web-3', 'deploy-master', true),
            instance('i-0a1b2c3d4e5f60004', 'old-build', 'deploy-master', false, 'stopped'),
          ],
        },
        'eu-west-1': { status: 'collected', value: [instance('i-0b2c3d4e5f6a70001', 'bastion', 'alice', true)] },
        'ap-southeast-2': scpDenied('DescribeInstances'),
      },
      keyPairs: {
        'us-east-1': { status: 'collected', value: [keyPair('deploy-master', '3a:91:cc:07:5e', 'key-0a11'), keyPair('alice', 'b4:02:7d:19:e0', 'key-0a12')] },
        'eu-west-1': { status: 'collected', value: [keyPair('alice', 'b4:02:7d:19:e0', 'key-0b21'), keyPair('ops-2025', '6c:e8:41:aa:2f', 'key-0b22')] },
        'ap-southeast-2': scpDenied('DescribeKeyPairs'),
      },
    },
  };
}
