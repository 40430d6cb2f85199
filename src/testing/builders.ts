/** Inventory builders with compliant defaults: a test states only what makes its case special. */
import { collected, type Fact } from '../core/fact.js';
import { permissionFor } from '../aws/permissions.js';
import { ROOT_USER } from '../inventory/resources.js';
import {
  INVENTORY_SCHEMA_VERSION,
  type AclGrant,
  type Authorization,
  type PublicAccessBlock,
  type S3Bucket,
  type Scanned,
  type Trail,
  type Ec2Instance,
  type Ec2KeyPair,
  type IamGroup,
  type IamRole,
  type IamUser,
  type ManagedPolicy,
  type CredentialReportRow,
  type Ec2SecurityGroup,
  type Ec2SecurityGroupRule,
  type Inventory,
} from '../inventory/schema.js';

export const ACCOUNT_ID = '123456789012';
export const NOW = new Date('2026-11-01T12:00:00Z');

export function daysAgo(days: number, from: Date = NOW): string {
  return new Date(from.getTime() - days * 86_400_000).toISOString();
}

export function accessDenied(operation: string): Fact<never> {
  const [service = '', name = ''] = operation.split(':');
  const permission = permissionFor(service, name) ?? operation;
  return { status: 'not-collected', kind: 'access-denied', operation, errorCode: 'AccessDenied', message: 'User is not authorized', permission };
}

export function inventory(parts: { iam?: Inventory['iam']; s3?: Inventory['s3']; rds?: Inventory['rds']; secrets?: Inventory['secrets']; cloudtrail?: Inventory['cloudtrail']; monitoring?: Inventory['monitoring']; guardduty?: Inventory['guardduty']; kms?: Inventory['kms']; guardRails?: Inventory['guardRails']; quotas?: Inventory['quotas']; accountSettings?: Inventory['accountSettings']; organizations?: Inventory['organizations']; ec2?: Inventory['ec2']; regions?: string[] } = {}): Inventory {
  const regions = parts.regions ?? ['eu-west-1'];
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: 'test' },
    collectedAt: NOW.toISOString(),
    account: { id: ACCOUNT_ID, partition: 'aws', callerArn: `arn:aws:iam::${ACCOUNT_ID}:user/auditor` },
    regions: { scanned: regions, skipped: [] },
    iam: parts.iam ?? {},
    s3: parts.s3 ?? {},
    rds: parts.rds ?? {},
    secrets: parts.secrets ?? {},
    cloudtrail: parts.cloudtrail ?? {},
    monitoring: parts.monitoring ?? {},
    guardduty: parts.guardduty ?? {},
    kms: parts.kms ?? {},
    guardRails: parts.guardRails ?? {},
    quotas: parts.quotas ?? {},
    accountSettings: parts.accountSettings ?? {},
    organizations: parts.organizations ?? {},
    ec2: parts.ec2 ?? {},
  };
}

export function withReport(rows: CredentialReportRow[]): Inventory {
  return inventory({ iam: { credentialReport: collected(rows) } });
}

/** An access key slot of the credential report; active, rotated and used recently unless told otherwise. */
export function key(overrides: Partial<CredentialReportRow['accessKeys'][number]> = {}): CredentialReportRow['accessKeys'][number] {
  return { active: true, lastRotated: daysAgo(30), lastUsedDate: daysAgo(1), lastUsedRegion: 'eu-west-1', lastUsedService: 's3', ...overrides };
}

const unusedKey = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };

/** An IAM user with a console password, MFA, no access keys, created a year ago. */
export function user(name: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`,
    userCreationTime: daysAgo(365),
    passwordEnabled: true,
    passwordLastUsed: daysAgo(1),
    passwordLastChanged: daysAgo(30),
    passwordNextRotation: null,
    mfaActive: true,
    accessKeys: [unusedKey, unusedKey],
    certificates: [
      { active: false, lastRotated: null },
      { active: false, lastRotated: null },
    ],
    ...overrides,
  };
}

/** The root row as IAM writes it: password columns `not_supported`, MFA on, no keys. */
export function root(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return user(ROOT_USER, {
    arn: `arn:aws:iam::${ACCOUNT_ID}:root`,
    passwordEnabled: 'not_supported',
    passwordLastChanged: 'not_supported',
    passwordNextRotation: 'not_supported',
    passwordLastUsed: daysAgo(400),
    ...overrides,
  });
}

/**
 * A member account whose organisation manages root credentials centrally, as IAM shows it: a root
 * row without MFA or keys, GetAccountSummary with no root password or key, the feature on.
 */
export function centrallyManagedRoot(overrides: { feature?: boolean | 'unreadable'; passwordPresent?: boolean; management?: boolean } = {}): Inventory {
  return inventory({
    iam: {
      credentialReport: collected([root({ mfaActive: false, passwordLastUsed: 'no_information' }), user('alice')]),
      rootSummary: collected({ mfaEnabled: false, accessKeysPresent: false, passwordPresent: overrides.passwordPresent ?? false }),
      rootCredentialsManagement: overrides.feature === 'unreadable' ? accessDenied('iam:ListOrganizationsFeatures') : collected(overrides.feature ?? true),
    },
    organizations: { organization: collected({ id: 'o-exampleorgid', managementAccountId: overrides.management ? ACCOUNT_ID : '999999999999' }) },
  });
}

/** A credential report without a root row, and GetAccountSummary's root counts. */
export function rootFromSummary(summary: { mfaEnabled: boolean; accessKeysPresent: boolean }): Inventory {
  return inventory({ iam: { credentialReport: collected([user('alice')]), rootSummary: collected(summary) } });
}

export function rule(overrides: Partial<Ec2SecurityGroupRule> = {}): Ec2SecurityGroupRule {
  return { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], referencedGroupIds: [], ...overrides };
}

/** A security group that lets nothing in and everything out, like a new non-default group. */
export function securityGroup(id: string, overrides: Partial<Ec2SecurityGroup> = {}): Ec2SecurityGroup {
  return {
    groupId: id,
    groupName: `${id}-name`,
    description: 'test group',
    vpcId: 'vpc-0a1b2c3d',
    ownerId: ACCOUNT_ID,
    inbound: [],
    outbound: [rule({ protocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })],
    tags: {},
    ...overrides,
  };
}

/** A policy document as IAM stores it (JSON text). */
export function doc(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const ADMIN_DOC = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function iamUser(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return { name, arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`, path: '/', groups: [], attachedPolicyArns: [], inlinePolicies: [], ...overrides };
}

export function iamGroup(name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return { name, arn: `arn:aws:iam::${ACCOUNT_ID}:group/${name}`, path: '/', attachedPolicyArns: [], inlinePolicies: [], ...overrides };
}

/** A role that EC2 may assume. */
export function iamRole(name: string, overrides: Partial<IamRole> = {}): IamRole {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}`,
    path: '/',
    trustPolicy: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    attachedPolicyArns: [],
    inlinePolicies: [],
    ...overrides,
  };
}

export function managedPolicy(name: string, document: string, overrides: Partial<ManagedPolicy> = {}): ManagedPolicy {
  return { arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`, name, awsManaged: false, attachmentCount: 1, document, ...overrides };
}

/** AWS managed AdministratorAccess, with its real document. */
export const ADMINISTRATOR_ACCESS = managedPolicy('AdministratorAccess', ADMIN_DOC, { arn: ADMIN_ARN, awsManaged: true });

export function withAuthorization(parts: Partial<Authorization>, extra: Partial<Inventory['iam']> = {}): Inventory {
  return inventory({ iam: { authorization: collected({ users: [], groups: [], roles: [], policies: [ADMINISTRATOR_ACCESS], ...parts }), ...extra } });
}

/** A running instance with an instance profile and no public address. */
export function instance(id: string, overrides: Partial<Ec2Instance> = {}): Ec2Instance {
  return {
    instanceId: id,
    state: 'running',
    imageId: 'ami-0abc',
    instanceProfileArn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/app`,
    launchTime: daysAgo(10),
    securityGroupIds: ['sg-1'],
    ...overrides,
  };
}

export function keyPair(name: string, overrides: Partial<Ec2KeyPair> = {}): Ec2KeyPair {
  return { keyName: name, keyPairId: `key-${name}`, fingerprint: `fp:${name}`, keyType: 'ed25519', ...overrides };
}

/** A bucket with an owner-only ACL, no policy and no bucket-level Block Public Access. */
export function bucket(name: string, parts: { grants?: AclGrant[]; policy?: string; block?: PublicAccessBlock; region?: string } = {}): S3Bucket {
  return {
    name,
    region: parts.region ?? 'eu-west-1',
    acl: collected({ ownerId: 'owner-canonical-id', grants: [{ granteeType: 'CanonicalUser', granteeId: 'owner-canonical-id', permission: 'FULL_CONTROL' }, ...(parts.grants ?? [])] }),
    policy: collected(parts.policy ?? null),
    publicAccessBlock: collected(parts.block ?? null),
  };
}

export function publicRead(bucketName: string): string {
  return doc({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucketName}/*` });
}

/** A resource scanned for secrets, with the redacted hits a detector would keep. */
export function scanned(name: string, kind: string, hits: Scanned['hits'] = []): Scanned {
  return { id: `arn:aws:test:eu-west-1:${ACCOUNT_ID}:${name}`, name, kind, hits };
}

export function withSecrets(key: keyof Inventory['secrets'], byRegion: Record<string, Fact<Scanned[]>>): Inventory {
  return inventory({ regions: Object.keys(byRegion), secrets: { [key]: byRegion } });
}

/** A multi-region trail that is logging all management events, validated, encrypted and streamed. */
export function trail(name: string, overrides: Partial<Trail> = {}): Trail {
  return {
    name,
    arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/${name}`,
    homeRegion: 'us-east-1',
    multiRegion: true,
    organizationTrail: false,
    logFileValidation: true,
    cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:cloudtrail:*`,
    kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    s3BucketName: 'trail-bucket',
    status: collected({ isLogging: true, latestCloudWatchLogsDeliveryAt: daysAgo(0) }),
    managementEvents: collected({ read: true, write: true, exclusions: [] }),
    ...overrides,
  };
}

export function withSecurityGroups(byRegion: Record<string, Fact<Ec2SecurityGroup[]>>): Inventory {
  return inventory({ regions: Object.keys(byRegion), ec2: { securityGroups: byRegion } });
}
