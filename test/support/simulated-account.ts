/** A whole synthetic account behind the fake AWS server: for CLI end-to-end tests and benchmarks. */
import {
  authorizationResult,
  callerIdentity,
  credentialReportCsv,
  credentialReportResult,
  ec2Error,
  ec2Result,
  generateReportResult,
  queryError,
  queryResult,
  regionsResult,
  securityGroupsResult,
  type FakeGroup,
  type FakeHandler,
} from './fake-aws.js';

export interface SimulatedAccount {
  readonly account?: string;
  /** Enabled regions; `optInDisabled` are listed by DescribeRegions as not opted in. */
  readonly regions: string[];
  readonly optInDisabled?: string[];
  readonly users: number;
  readonly groupsPerRegion: number;
  readonly instancesPerRegion?: number;
  /** Buckets; every tenth has a public-read policy. */
  readonly buckets?: number;
  /** Regions whose DescribeSecurityGroups is denied (an SCP, say). */
  readonly deniedRegions?: string[];
  readonly denyCredentialReport?: boolean;
  /** Credentials rejected outright, as expired keys are. */
  readonly expiredCredentials?: boolean;
  /** Every odd user also has ReadOnlyAccess: an AWS managed policy of thousands of action patterns, as in real accounts. */
  readonly readOnlyUsers?: boolean;
}

/** A stand-in for AWS's ReadOnlyAccess: Get/List/Describe wildcards over ~950 services (about 2,850 patterns). */
export const READ_ONLY_ACCESS = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadOnlyActions',
      Effect: 'Allow',
      Action: ['iam', 's3', 'ec2', 'sts', 'lambda', 'cloudformation', ...Array.from({ length: 944 }, (_, i) => `service${i}`)].flatMap((service) => [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`]),
      Resource: '*',
    },
  ],
};

const PAGE = 1000;
const json = (body: object, contentType = 'application/json') => ({ contentType, body: JSON.stringify(body) });

export function simulatedAccount(spec: SimulatedAccount): FakeHandler {
  const account = spec.account ?? '123456789012';
  const users = Array.from({ length: spec.users }, (_, i) => ({ name: `user-${i}`, mfa: i % 3 !== 0, password: i % 2 === 0 }));
  const csv = credentialReportCsv(account, users, false);
  const groups = (region: string): FakeGroup[] =>
    Array.from({ length: spec.groupsPerRegion }, (_, i) => ({
      id: `sg-${region.replace(/-/g, '')}${String(i).padStart(8, '0')}`,
      name: `group-${i}`,
      worldPorts: i % 10 === 0 ? [22] : [443],
    }));

  const bucketNames = Array.from({ length: spec.buckets ?? 0 }, (_, i) => `bucket-${i}`);
  const s3 = (request: Parameters<FakeHandler>[0]) => {
    const path = request.path;
    if (path.startsWith('/v20180820/configuration/publicAccessBlock')) {
      return { body: '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>' };
    }
    const [, name = '', query = ''] = /^\/([^/?]*)\/?\??(.*)$/.exec(path) ?? [];
    if (!name) {
      const start = Number(new URLSearchParams(query).get('continuation-token') ?? 0);
      const page = bucketNames.slice(start, start + PAGE);
      const next = start + PAGE < bucketNames.length ? `<ContinuationToken>${start + PAGE}</ContinuationToken>` : '';
      return {
        body: `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><Buckets>${page.map((b, i) => `<Bucket><Name>${b}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${spec.regions[i % spec.regions.length]}</BucketRegion></Bucket>`).join('')}</Buckets>${next}</ListAllMyBucketsResult>`,
      };
    }
    if (query.startsWith('acl')) {
      return { body: '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>' };
    }
    if (query.startsWith('policy')) {
      const i = Number(name.split('-')[1]);
      if (i % 10 === 0) return { body: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] }), contentType: 'application/json' };
      return { status: 404, body: `<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message><BucketName>${name}</BucketName></Error>` };
    }
    if (query.startsWith('tagging')) {
      if (name === 'bucket-0') return { body: '<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>Environment</Key><Value>sandbox</Value></Tag></TagSet></Tagging>' };
      return { status: 404, body: `<Error><Code>NoSuchTagSet</Code><Message>The TagSet does not exist</Message><BucketName>${name}</BucketName></Error>` };
    }
    if (query.startsWith('publicAccessBlock')) return { status: 404, body: '<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error>' };
    return undefined;
  };

  return (request) => {
    if (spec.expiredCredentials) return queryError(403, 'ExpiredToken', 'The security token included in the request is expired');
    if (request.service === 's3') return s3(request);
    switch (`${request.service}:${request.action}`) {
      case 'sts:GetCallerIdentity':
        return callerIdentity(account);
      case 'ec2:DescribeRegions':
        return regionsResult(
          Object.fromEntries([
            ...spec.regions.map((r) => [r, 'opt-in-not-required'] as const),
            ...(spec.optInDisabled ?? []).map((r) => [r, 'not-opted-in'] as const),
          ]),
        );
      case 'iam:GenerateCredentialReport':
        return spec.denyCredentialReport
          ? queryError(403, 'AccessDenied', `User: arn:aws:iam::${account}:user/auditor is not authorized to perform: iam:GenerateCredentialReport`)
          : generateReportResult('COMPLETE');
      case 'iam:GetCredentialReport':
        return credentialReportResult(csv);
      case 'iam:ListOrganizationsFeatures':
        return queryError(400, 'OrganizationNotFound', 'The request was rejected because no organization is associated with your account.');
      case 'iam:GetAccountPasswordPolicy':
        return queryError(404, 'NoSuchEntity', `The Password Policy with domain name ${account} cannot be found.`);
      case 'iam:GetAccountAuthorizationDetails': {
        const start = Number(request.params.get('Marker') ?? 0);
        const next = start + PAGE < users.length ? String(start + PAGE) : undefined;
        const first = start === 0;
        return authorizationResult(
          account,
          {
            users: users.slice(start, start + PAGE).map((u, i) => ({ name: u.name, groups: ['devs'], attached: i % 50 === 0 ? ['arn:aws:iam::aws:policy/AdministratorAccess'] : spec.readOnlyUsers && i % 2 === 1 ? ['arn:aws:iam::aws:policy/ReadOnlyAccess'] : [] })),
            groups: first ? [{ name: 'devs', attached: [`arn:aws:iam::${account}:policy/dev-access`] }] : [],
            roles: first ? [{ name: 'app', trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }] : [],
            policies: first
              ? [
                  { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
                  { name: 'dev-access', arn: `arn:aws:iam::${account}:policy/dev-access`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'lambda:*'], Resource: '*' }] } },
                  ...(spec.readOnlyUsers ? [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', document: READ_ONLY_ACCESS }] : []),
                ]
              : [],
          },
          next,
        );
      }
      case 'iam:ListVirtualMFADevices':
        return queryResult('ListVirtualMFADevices', '<VirtualMFADevices/><IsTruncated>false</IsTruncated>');
      case 'ec2:DescribeSecurityGroups': {
        if (spec.deniedRegions?.includes(request.region)) return ec2Error(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
        const all = groups(request.region);
        const start = Number(request.params.get('NextToken') ?? 0);
        const next = start + PAGE < all.length ? String(start + PAGE) : undefined;
        return securityGroupsResult(account, all.slice(start, start + PAGE), next);
      }
      case 'ec2:DescribeInstances': {
        const items = Array.from({ length: spec.instancesPerRegion ?? 0 }, (_, i) =>
          `<item><reservationId>r-${i}</reservationId><ownerId>${account}</ownerId><instancesSet><item><instanceId>i-${request.region.replace(/-/g, '')}${i}</instanceId><imageId>ami-0fake</imageId><instanceState><code>16</code><name>running</name></instanceState><keyName>shared</keyName>${i % 2 ? '' : `<iamInstanceProfile><arn>arn:aws:iam::${account}:instance-profile/app</arn><id>AIPA</id></iamInstanceProfile>`}<groupSet><item><groupId>sg-1</groupId><groupName>web</groupName></item></groupSet><tagSet/></item></instancesSet></item>`,
        ).join('');
        return ec2Result('DescribeInstances', `<reservationSet>${items}</reservationSet>`);
      }
      case 'ec2:DescribeSnapshots':
        return ec2Result('DescribeSnapshots', '<snapshotSet/>');
      case 'ec2:DescribeImages': {
        const ids = [...request.params.entries()].filter(([k]) => /^Filter\.1\.Value\.\d+$/.test(k)).map(([, v]) => v);
        const items = ids.map((id) => `<item><imageId>${id}</imageId><name>fake-ami</name><imageOwnerId>137112412989</imageOwnerId><creationDate>2025-01-01T00:00:00.000Z</creationDate><isPublic>true</isPublic></item>`).join('');
        return ec2Result('DescribeImages', `<imagesSet>${items}</imagesSet>`);
      }
      case 'rds:DescribeDBSnapshots':
        return queryResult('DescribeDBSnapshots', '<DBSnapshots/>', 'http://rds.amazonaws.com/doc/2014-10-31/');
      case 'rds:DescribeDBClusterSnapshots':
        return queryResult('DescribeDBClusterSnapshots', '<DBClusterSnapshots/>', 'http://rds.amazonaws.com/doc/2014-10-31/');
      case 'ec2:DescribeLaunchTemplateVersions':
        return ec2Result('DescribeLaunchTemplateVersions', '<launchTemplateVersionSet/>');
      case 'ec2:DescribeInstanceAttribute':
        return ec2Result('DescribeInstanceAttribute', `<instanceId>${request.params.get('InstanceId') ?? ''}</instanceId><userData><value>${Buffer.from('#!/bin/bash\nyum -y update\n').toString('base64')}</value></userData>`);
      case 'lambda:GET /2015-03-31/functions':
        return { contentType: 'application/json', body: JSON.stringify({ Functions: [{ FunctionName: 'api', FunctionArn: `arn:aws:lambda:${request.region}:${account}:function:api`, Environment: { Variables: { STAGE: 'prod' } } }] }) };
      case 'cloudformation:DescribeStacks':
        return queryResult('DescribeStacks', '<Stacks/>', 'http://cloudformation.amazonaws.com/doc/2010-05-15/');
      case 'ecs:ListTaskDefinitionFamilies':
        return { contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ families: [] }) };
      case 'logs:DescribeMetricFilters':
        return json({ metricFilters: [] }, 'application/x-amz-json-1.1');
      case 'kms:ListKeys':
        return json({ Keys: [] }, 'application/x-amz-json-1.1');
      case 'config:DescribeConfigurationRecorderStatus':
        return json({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] }, 'application/x-amz-json-1.1');
      case 'securityhub:GET /accounts':
        return json({ HubArn: `arn:aws:securityhub:${request.region}:${account}:hub/default` });
      case 'access-analyzer:GET /analyzer':
        return json({ analyzers: [] });
      case 'iam:GetAccountSummary':
        return queryResult('GetAccountSummary', '<SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry><entry><key>AccountAccessKeysPresent</key><value>0</value></entry><entry><key>AccountPasswordPresent</key><value>1</value></entry><entry><key>Users</key><value>5</value></entry><entry><key>UsersQuota</key><value>5000</value></entry><entry><key>Roles</key><value>900</value></entry><entry><key>RolesQuota</key><value>1000</value></entry></SummaryMap>');
      case 'ec2:DescribeAddresses':
        return ec2Result('DescribeAddresses', '<addressesSet/>');
      case 'ec2:DescribeVpcs':
        return ec2Result('DescribeVpcs', '<vpcSet/>');
      case 'servicequotas:GetServiceQuota':
        return json({ Quota: { Value: 5 } }, 'application/x-amz-json-1.1');
      case 'support:DescribeTrustedAdvisorChecks':
        return { status: 400, ...json({ __type: 'SubscriptionRequiredException', message: 'AWS Premium Support Subscription is required to use this service.' }, 'application/x-amz-json-1.1') };
      case 'cloudtrail:ListTrails':
        return json({ Trails: [] }, 'application/x-amz-json-1.1');
      case 'guardduty:GET /detector':
        return json({ detectorIds: [] });
      case 'account:POST /getAlternateContact':
        return { status: 404, ...json({ __type: 'ResourceNotFoundException', message: 'No contact of the inputted alternate contact type found.' }) };
      case 'monitoring:DescribeAlarms': // CloudWatch signs as `monitoring`
        return json({ MetricAlarms: [], CompositeAlarms: [] }, 'application/x-amz-json-1.0');
      case 'budgets:DescribeBudgets':
        return json({ Budgets: [] }, 'application/x-amz-json-1.1');
      case 'organizations:DescribeOrganization':
        return { status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'AWSOrganizationsNotInUseException', Message: 'Your account is not a member of an organization.' }) };
      case 'ec2:DescribeKeyPairs':
        return ec2Result('DescribeKeyPairs', `<keySet><item><keyPairId>key-0fake</keyPairId><keyName>shared</keyName><keyFingerprint>1f:51:ae:28</keyFingerprint><keyType>rsa</keyType></item></keySet>`);
      default:
        return undefined;
    }
  };
}
