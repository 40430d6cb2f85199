/**
 * The bundled demo: a deliberately misconfigured sample account, evaluated exactly like a saved
 * inventory. Each checklist item with a check has failing and (where an account can have both)
 * passing resources, and one region is unreadable so UNKNOWN and missing permissions show too.
 */
import { INVENTORY_SCHEMA_VERSION, type CredentialReportRow, type Ec2SecurityGroup, type Inventory } from '../inventory/schema.js';
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
    },
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
        'ap-southeast-2': {
          status: 'not-collected',
          kind: 'access-denied',
          operation: 'ec2:DescribeSecurityGroups',
          errorCode: 'UnauthorizedOperation',
          message: 'You are not authorized to perform this operation (explicit deny in a service control policy)',
          permission: 'ec2:DescribeSecurityGroups',
        },
      },
    },
  };
}
