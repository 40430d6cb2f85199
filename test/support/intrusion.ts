/**
 * A scripted intrusion for respond, in the stateful look-alike: an account with ordinary users,
 * keys, roles, instances, snapshots and a bucket before T; after T, the leaked key of the `deploy`
 * user makes an admin user with a key and a console password, a backdoor key on `alice`, a role
 * trusted by a foreign account, instances in three regions (the third through an STS session
 * made with the key), a Lambda function, SSH open to the internet and a public snapshot. The world
 * is the state after the attack; the events are its CloudTrail history. Export what an
 * end-to-end test needs: the seed, T, the suspect's key and the items respond must find.
 */
import type { ScopeKind } from '../../src/respond/scope.js';
import { startStatefulAws, type StatefulAws } from './stateful/index.js';
import type { WorldOptions } from './stateful/world.js';
import { ruleIdOf, type Ec2State } from './stateful/services/ec2-security-groups.js';
import type { Ec2ResourcesSeed } from './stateful/services/ec2-resources.js';
import type { IamSeed } from './stateful/services/iam.js';
import type { LambdaSeed } from './stateful/services/lambda.js';
import type { EcsSeed } from './stateful/services/ecs.js';
import type { OrganizationsSeed } from './stateful/services/organizations.js';
import type { CostSeed } from './stateful/services/cost-explorer.js';
import type { LookupSeed } from './stateful/services/cloudtrail-lookup.js';
import type { S3Seed } from './stateful/services/s3-buckets.js';

export const INTRUSION_ACCOUNT = '123456789012';
export const FOREIGN_ACCOUNT = '999999999999';
/** T: when the key leaked. */
export const INTRUSION_SINCE = new Date('2026-11-28T00:00:00Z');
/** When respond reads (the end of LookupEvents and of the cost period). */
export const INTRUSION_NOW = new Date('2026-11-29T12:00:00Z');
export const INTRUSION_REGIONS = ['ap-southeast-1', 'eu-west-1', 'us-east-1'] as const;
/** The leaked key of the existing user `deploy`. */
export const SUSPECT_KEY = 'AKIADEPLOYLEAKED0001';
export const SUSPECT_ARN = `arn:aws:iam::${INTRUSION_ACCOUNT}:user/deploy`;
/** The session key the suspect got from GetSessionToken, used for the third region. */
export const SESSION_KEY = 'ASIADEPLOYSESSION001';
export const RESPONDER_ARN = `arn:aws:iam::${INTRUSION_ACCOUNT}:user/responder`;

const at = (hours: number) => new Date(INTRUSION_SINCE.getTime() + hours * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const OLD = '2025-03-01T09:00:00Z';
const SSH_RULE = ruleIdOf('sg-0web00000000001', false, { protocol: 'tcp', fromPort: 22, toPort: 22 }, '0.0.0.0/0');

/** What respond must find, and nothing else. */
export const EXPECTED_ITEMS: readonly { kind: ScopeKind; id: string; region: string }[] = [
  { kind: 'iam-user', id: 'svc-backup', region: 'global' },
  { kind: 'iam-access-key', id: 'AKIASVCBACKUPKEY0001', region: 'global' },
  { kind: 'iam-login-profile', id: 'svc-backup', region: 'global' },
  { kind: 'iam-access-key', id: 'AKIAALICEBACKDOOR001', region: 'global' },
  { kind: 'iam-role', id: 'ops-audit', region: 'global' },
  { kind: 'ec2-instance', id: 'i-0atk0000000000001', region: 'us-east-1' },
  { kind: 'ec2-instance', id: 'i-0atk0000000000002', region: 'eu-west-1' },
  { kind: 'ec2-instance', id: 'i-0atk0000000000003', region: 'ap-southeast-1' },
  { kind: 'lambda-function', id: 'log-shipper', region: 'eu-west-1' },
  { kind: 'ec2-security-group-rule', id: SSH_RULE, region: 'eu-west-1' },
  { kind: 'ec2-snapshot', id: 'snap-0exfil00000000001', region: 'eu-west-1' },
];

const adminPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

const iam: IamSeed = {
  users: [
    { name: 'alice', created: OLD, keys: [{ id: 'AKIAALICEOLDKEY00001', status: 'Active', created: OLD }, { id: 'AKIAALICEBACKDOOR001', status: 'Active', created: at(1.5) }], password: { created: OLD } },
    { name: 'deploy', created: OLD, keys: [{ id: SUSPECT_KEY, status: 'Active', created: OLD }], attached: ['arn:aws:iam::aws:policy/PowerUserAccess'], inline: { 'iam-admin': adminPolicy } },
    { name: 'bob', created: OLD, keys: [], password: { created: OLD } },
    { name: 'svc-backup', created: at(1), keys: [{ id: 'AKIASVCBACKUPKEY0001', status: 'Active', created: at(1.1) }], password: { created: at(1.2) }, attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
  ],
  roles: [
    { name: 'app-role', created: OLD, trust: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) },
    { name: 'ops-audit', created: at(2), trust: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${FOREIGN_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }), attached: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
  ],
  policies: [{ name: 'deploy-policy', arn: `arn:aws:iam::${INTRUSION_ACCOUNT}:policy/deploy-policy`, created: OLD, attachments: 1, versions: [{ id: 'v1', created: OLD, document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), isDefault: true }] }],
};

const instance = (id: string, launched: string, group: string, volume: string) => ({ id, type: 'c5.4xlarge', state: 'running' as const, launched, vpcId: 'vpc-0main', groups: [group], volumes: [volume], publicIp: '198.51.100.7' });

const ec2Resources: Ec2ResourcesSeed = {
  regions: {
    'us-east-1': { instances: [instance('i-0atk0000000000001', at(3), 'sg-0default0000001', 'vol-0atk00000000001')], volumes: [{ id: 'vol-0atk00000000001', size: 8, created: at(3), instanceId: 'i-0atk0000000000001', attached: at(3) }] },
    'eu-west-1': {
      instances: [
        // Old, but restarted after T: its LaunchTime is new, its root volume is not.
        { ...instance('i-0old0000000000001', at(5), 'sg-0web00000000001', 'vol-0old00000000001'), type: 't3.small' },
        instance('i-0atk0000000000002', at(3.1), 'sg-0web00000000001', 'vol-0atk00000000002'),
      ],
      volumes: [
        { id: 'vol-0old00000000001', size: 20, created: OLD, instanceId: 'i-0old0000000000001', attached: OLD },
        { id: 'vol-0atk00000000002', size: 8, created: at(3.1), instanceId: 'i-0atk0000000000002', attached: at(3.1) },
      ],
      snapshots: [
        { id: 'snap-0old000000000001', volumeId: 'vol-0old00000000001', size: 20, started: OLD, public: false, sharedWith: [] },
        { id: 'snap-0exfil00000000001', volumeId: 'vol-0old00000000001', size: 20, started: at(6), public: true, sharedWith: [] },
      ],
      images: [{ id: 'ami-0old000000000001', name: 'web-base', created: OLD, public: false, sharedWith: [], snapshotIds: ['snap-0old000000000001'] }],
      keyPairs: [{ id: 'key-0old00000000001', name: 'ops', created: OLD }],
      launchTemplates: [{ id: 'lt-0old00000000001', name: 'web', created: OLD, createdBy: `arn:aws:iam::${INTRUSION_ACCOUNT}:user/alice` }],
    },
    'ap-southeast-1': { instances: [instance('i-0atk0000000000003', at(4), 'sg-0default0000003', 'vol-0atk00000000003')], volumes: [{ id: 'vol-0atk00000000003', size: 8, created: at(4), instanceId: 'i-0atk0000000000003', attached: at(4) }] },
  },
};

const defaultEgress = { protocol: '-1', ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] };
const ec2SecurityGroups: Omit<Ec2State, 'owner'> = {
  ipv6Vpcs: ['vpc-0main'],
  groups: {
    'eu-west-1': [
      {
        id: 'sg-0web00000000001',
        name: 'web',
        vpcId: 'vpc-0main',
        inbound: [
          { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] },
          { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4: ['0.0.0.0/0'], ipv6: [], groups: [] },
        ],
        outbound: [defaultEgress],
      },
    ],
    'us-east-1': [{ id: 'sg-0default0000001', name: 'default', vpcId: 'vpc-0main', inbound: [], outbound: [defaultEgress] }],
    'ap-southeast-1': [{ id: 'sg-0default0000003', name: 'default', vpcId: 'vpc-0main', inbound: [], outbound: [defaultEgress] }],
  },
};

const lambda: LambdaSeed = {
  regions: {
    'eu-west-1': {
      functions: [
        { name: 'thumbnailer', runtime: 'nodejs20.x', role: `arn:aws:iam::${INTRUSION_ACCOUNT}:role/app-role`, lastModified: OLD },
        { name: 'log-shipper', runtime: 'python3.12', role: `arn:aws:iam::${INTRUSION_ACCOUNT}:role/ops-audit`, lastModified: at(7) },
      ],
      layers: [{ name: 'sharp', versions: [{ version: 1, created: OLD }] }],
    },
  },
};

const ecs: EcsSeed = { regions: { 'eu-west-1': [{ cluster: 'web', services: [{ name: 'frontend', created: OLD, desiredCount: 2 }] }] } };
const organizations: OrganizationsSeed = { accounts: [{ id: INTRUSION_ACCOUNT, name: 'main', joined: OLD, method: 'CREATED' }, { id: '210987654321', name: 'staging', joined: OLD, method: 'INVITED' }] };

/** 44 days of cost: EC2 at 3 USD a day, then the miners from T on. */
function costs(): CostSeed {
  const daily: CostSeed['daily'][number][] = [];
  const end = Date.UTC(2026, 10, 29);
  for (let t = end - 44 * 86_400_000; t < end; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const mining = t >= INTRUSION_SINCE.getTime();
    daily.push({ date, service: 'Amazon Elastic Compute Cloud - Compute', amount: mining ? 410 : 3 }, { date, service: 'Amazon Simple Storage Service', amount: 0.5 });
  }
  return { daily };
}

interface EventFields {
  readonly name: string;
  readonly source: string;
  readonly region: string;
  readonly time: string;
  readonly request?: object;
  readonly response?: object;
  readonly key?: string;
  readonly user?: string;
  readonly error?: string;
  readonly readOnly?: boolean;
}

let serial = 0;
function event(f: EventFields): Record<string, unknown> {
  const user = f.user ?? 'deploy';
  const key = f.key ?? SUSPECT_KEY;
  serial += 1;
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: `AIDA${user.toUpperCase()}`, arn: `arn:aws:iam::${INTRUSION_ACCOUNT}:user/${user}`, accountId: INTRUSION_ACCOUNT, accessKeyId: key, userName: user },
    eventTime: f.time,
    eventSource: `${f.source}.amazonaws.com`,
    eventName: f.name,
    awsRegion: f.region,
    sourceIPAddress: user === 'deploy' ? '203.0.113.66' : '192.0.2.10',
    userAgent: user === 'deploy' ? 'aws-cli/2.15.0 Python/3.11' : 'console.amazonaws.com',
    requestParameters: f.request ?? null,
    responseElements: f.response ?? null,
    ...(f.error ? { errorCode: f.error, errorMessage: 'failed' } : {}),
    requestID: `req-${serial}`,
    eventID: `evt-${String(serial).padStart(4, '0')}`,
    readOnly: f.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: INTRUSION_ACCOUNT,
  };
}

const run = (region: string, time: string, id: string, key?: string) =>
  event({ name: 'RunInstances', source: 'ec2', region, time, key: key ?? SUSPECT_KEY, request: { instanceType: 'c5.4xlarge', instancesSet: { items: [{ imageId: 'ami-0miner', minCount: 1, maxCount: 1 }] } }, response: { instancesSet: { items: [{ instanceId: id, instanceType: 'c5.4xlarge' }] } } });

/** The CloudTrail history, oldest first: the suspect's calls, and others' ordinary ones. */
export function intrusionEvents(): Record<string, unknown>[] {
  serial = 0;
  return [
    // Before T: the key's owner at work (left out by --since).
    event({ name: 'ListBuckets', source: 's3', region: 'us-east-1', time: '2026-11-27T10:00:00Z', readOnly: true }),
    event({ name: 'GetCallerIdentity', source: 'sts', region: 'us-east-1', time: at(0.5), readOnly: true }),
    event({ name: 'CreateUser', source: 'iam', region: 'us-east-1', time: at(0.9), request: { userName: 'root2' }, error: 'EntityAlreadyExists' }),
    event({ name: 'CreateUser', source: 'iam', region: 'us-east-1', time: at(1), request: { userName: 'svc-backup' }, response: { user: { userName: 'svc-backup', arn: `arn:aws:iam::${INTRUSION_ACCOUNT}:user/svc-backup` } } }),
    event({ name: 'AttachUserPolicy', source: 'iam', region: 'us-east-1', time: at(1.05), request: { userName: 'svc-backup', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }),
    event({ name: 'CreateAccessKey', source: 'iam', region: 'us-east-1', time: at(1.1), request: { userName: 'svc-backup' }, response: { accessKey: { accessKeyId: 'AKIASVCBACKUPKEY0001', status: 'Active', userName: 'svc-backup' } } }),
    event({ name: 'CreateLoginProfile', source: 'iam', region: 'us-east-1', time: at(1.2), request: { userName: 'svc-backup', passwordResetRequired: false }, response: { loginProfile: { userName: 'svc-backup' } } }),
    event({ name: 'CreateAccessKey', source: 'iam', region: 'us-east-1', time: at(1.5), request: { userName: 'alice' }, response: { accessKey: { accessKeyId: 'AKIAALICEBACKDOOR001', status: 'Active', userName: 'alice' } } }),
    event({ name: 'CreateRole', source: 'iam', region: 'us-east-1', time: at(2), request: { roleName: 'ops-audit', assumeRolePolicyDocument: iam.roles![1]!.trust }, response: { role: { roleName: 'ops-audit', arn: `arn:aws:iam::${INTRUSION_ACCOUNT}:role/ops-audit` } } }),
    event({ name: 'AttachRolePolicy', source: 'iam', region: 'us-east-1', time: at(2.1), request: { roleName: 'ops-audit', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }),
    event({ name: 'GetSessionToken', source: 'sts', region: 'us-east-1', time: at(2.5), request: { durationSeconds: 43200 }, response: { credentials: { accessKeyId: SESSION_KEY, expiration: 'Nov 29, 2026, 2:30:00 PM', sessionToken: 'session-token' } } }),
    run('us-east-1', at(3), 'i-0atk0000000000001'),
    run('eu-west-1', at(3.1), 'i-0atk0000000000002'),
    run('ap-southeast-1', at(4), 'i-0atk0000000000003', SESSION_KEY),
    // Someone else's ordinary work after T: not the suspect's, and it made nothing.
    event({ name: 'DescribeInstances', source: 'ec2', region: 'eu-west-1', time: at(4.5), user: 'alice', key: 'AKIAALICEOLDKEY00001', readOnly: true }),
    event({ name: 'StartInstances', source: 'ec2', region: 'eu-west-1', time: at(5), user: 'alice', key: 'AKIAALICEOLDKEY00001', request: { instancesSet: { items: [{ instanceId: 'i-0old0000000000001' }] } } }),
    event({
      name: 'AuthorizeSecurityGroupIngress',
      source: 'ec2',
      region: 'eu-west-1',
      time: at(5.5),
      request: { groupId: 'sg-0web00000000001', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } },
      response: { _return: true, securityGroupRuleSet: { items: [{ groupOwnerId: INTRUSION_ACCOUNT, groupId: 'sg-0web00000000001', securityGroupRuleId: SSH_RULE, isEgress: false, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }] } },
    }),
    event({ name: 'CreateSnapshot', source: 'ec2', region: 'eu-west-1', time: at(6), request: { volumeId: 'vol-0old00000000001' }, response: { snapshotId: 'snap-0exfil00000000001', volumeId: 'vol-0old00000000001', status: 'pending' } }),
    event({ name: 'ModifySnapshotAttribute', source: 'ec2', region: 'eu-west-1', time: at(6.2), request: { snapshotId: 'snap-0exfil00000000001', attributeType: 'CREATE_VOLUME_PERMISSION', createVolumePermission: { add: { items: [{ group: 'all' }] } } }, response: { _return: true } }),
    event({ name: 'CreateFunction20150331', source: 'lambda', region: 'eu-west-1', time: at(7), request: { functionName: 'log-shipper', runtime: 'python3.12', role: `arn:aws:iam::${INTRUSION_ACCOUNT}:role/ops-audit` }, response: { functionName: 'log-shipper', functionArn: `arn:aws:lambda:eu-west-1:${INTRUSION_ACCOUNT}:function:log-shipper` } }),
    event({ name: 'ListFunctions20150331', source: 'lambda', region: 'eu-west-1', time: at(7.1), readOnly: true }),
  ];
}

/** The look-alike's options: the account after the attack, and its history. */
export function intrusionWorld(): WorldOptions {
  const s3: S3Seed = { buckets: [{ name: 'acme-data', region: 'eu-west-1' }] };
  const cloudtrailEvents: LookupSeed = { events: intrusionEvents() };
  return {
    account: INTRUSION_ACCOUNT,
    callerArn: RESPONDER_ARN,
    regions: [...INTRUSION_REGIONS],
    seed: { iam, ec2Resources, ec2SecurityGroups, lambda, ecs, organizations, costExplorer: costs(), cloudtrailEvents, s3 },
  };
}

export function startIntrusion(extra: Pick<WorldOptions, 'deny'> = {}): Promise<StatefulAws> {
  return startStatefulAws({ ...intrusionWorld(), ...extra });
}
