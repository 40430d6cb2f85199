/**
 * The detect bench's corpus, written by its own process so that the bench measures detect alone:
 * BENCH_EVENTS realistic management events (default 2,000,000) in BENCH_FILES `.json.gz` files
 * (default 2,500) in the S3 layout over 4 regions and a week, plus `sigmahq-shaped.yml`, 57
 * synthetic rules in the shapes SigmaHQ's CloudTrail rules use (theirs cannot be bundled).
 *
 *   npx tsx bench/detect-corpus.ts DIR
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const FILES = Number(process.env.BENCH_FILES ?? 2_500);
const ACCOUNT = '444455556666';
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const gz = promisify(gzip);

/** Common management traffic, weighted roughly as busy accounts see it (reads dominate). */
const CALLS: [source: string, name: string, weight: number, params: (i: number) => unknown][] = [
  ['ec2.amazonaws.com', 'DescribeInstances', 14, () => ({ instancesSet: {}, filterSet: { items: [{ name: 'tag:env', valueSet: { items: [{ value: 'prod' }] } }] } })],
  ['sts.amazonaws.com', 'AssumeRole', 12, (i) => ({ roleArn: `arn:aws:iam::${ACCOUNT}:role/app-${i % 40}`, roleSessionName: `session-${i}`, durationSeconds: 3600 })],
  ['s3.amazonaws.com', 'GetBucketAcl', 8, (i) => ({ bucketName: `data-${i % 90}`, Host: `data-${i % 90}.s3.amazonaws.com`, acl: '' })],
  ['kms.amazonaws.com', 'Decrypt', 10, () => ({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:lambda:FunctionArn': `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders` } })],
  ['logs.amazonaws.com', 'CreateLogStream', 6, (i) => ({ logGroupName: `/aws/lambda/fn-${i % 60}`, logStreamName: `2026/11/20/[$LATEST]${(i * 2654435761).toString(16)}` })],
  ['lambda.amazonaws.com', 'GetFunction20150331v2', 4, (i) => ({ functionName: `fn-${i % 60}` })],
  ['iam.amazonaws.com', 'GetRole', 5, (i) => ({ roleName: `app-${i % 40}` })],
  ['iam.amazonaws.com', 'ListAttachedRolePolicies', 3, (i) => ({ roleName: `app-${i % 40}` })],
  ['ssm.amazonaws.com', 'GetParameter', 6, (i) => ({ name: `/app/${i % 30}/config`, withDecryption: true })],
  ['secretsmanager.amazonaws.com', 'GetSecretValue', 3, (i) => ({ secretId: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:db-${i % 8}-AbCdEf` })],
  ['ecr.amazonaws.com', 'GetAuthorizationToken', 3, () => null],
  ['dynamodb.amazonaws.com', 'DescribeTable', 4, (i) => ({ tableName: `table-${i % 25}` })],
  ['cloudwatch.amazonaws.com', 'PutMetricData', 0, () => null],
  ['monitoring.amazonaws.com', 'GetMetricData', 5, () => ({ startTime: 'Nov 20, 2026, 8:00:00 AM', endTime: 'Nov 20, 2026, 9:00:00 AM', metricDataQueries: [{ id: 'm1' }] })],
  ['elasticloadbalancing.amazonaws.com', 'DescribeTargetHealth', 4, (i) => ({ targetGroupArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:targetgroup/tg-${i % 12}/0123456789abcdef` })],
  ['ec2.amazonaws.com', 'CreateTags', 2, (i) => ({ resourcesSet: { items: [{ resourceId: `i-0${(i * 7919).toString(16).padStart(16, '0')}` }] }, tagSet: { items: [{ key: 'owner', value: 'team-a' }] } })],
  ['ec2.amazonaws.com', 'RunInstances', 1, () => ({ instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] }, instanceType: 't3.micro' })],
  ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', 1, (i) => ({ groupId: `sg-0${(i % 50).toString(16).padStart(16, '0')}`, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } }] } })],
  ['signin.amazonaws.com', 'ConsoleLogin', 1, () => null],
  ['iam.amazonaws.com', 'CreateAccessKey', 0.2, (i) => ({ userName: `ci-${i % 5}` })],
  ['cloudtrail.amazonaws.com', 'LookupEvents', 1, () => ({ maxResults: 50 })],
  ['s3.amazonaws.com', 'PutBucketPolicy', 0.1, (i) => ({ bucketName: `data-${i % 90}`, bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app-1` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::data-${i % 90}/*` }] } })],
];
const TOTAL_WEIGHT = CALLS.reduce((n, c) => n + c[2], 0);
const AGENTS = ['aws-sdk-java/2.25.60 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.11', 'Boto3/1.35.10 md/Botocore#1.35.10 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.4', 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0', 'AWS Internal', 'console.amazonaws.com', 'aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10 lang/js md/nodejs#20.15.0'];

function record(i: number, region: string, time: number): Record<string, unknown> {
  let pick = ((i * 2654435761) >>> 0) % (TOTAL_WEIGHT * 10) / 10;
  let call = CALLS[0]!;
  for (const c of CALLS) if ((pick -= c[2]) < 0) { call = c; break; }
  const [source, name, , params] = call;
  const user = i % 7 === 0;
  const identity = user
    ? { type: 'IAMUser', principalId: `AIDAQ${String(i % 30).padStart(16, '0')}`, arn: `arn:aws:iam::${ACCOUNT}:user/dev-${i % 30}`, accountId: ACCOUNT, accessKeyId: `AKIAQ${String(i % 30).padStart(15, '0')}`, userName: `dev-${i % 30}` }
    : { type: 'AssumedRole', principalId: `AROAQ${String(i % 40).padStart(16, '0')}:session-${i % 400}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-${i % 40}/session-${i % 400}`, accountId: ACCOUNT, accessKeyId: `ASIAQ${String(i % 4000).padStart(15, '0')}`, sessionContext: { sessionIssuer: { type: 'Role', principalId: `AROAQ${String(i % 40).padStart(16, '0')}`, arn: `arn:aws:iam::${ACCOUNT}:role/app-${i % 40}`, accountId: ACCOUNT, userName: `app-${i % 40}` }, attributes: { creationDate: new Date(time - 600_000).toISOString(), mfaAuthenticated: 'false' } } };
  const failed = i % 97 === 0;
  return {
    eventVersion: '1.10',
    userIdentity: identity,
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'),
    eventSource: source,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: i % 5 === 0 ? 'AWS Internal' : `10.${(i >> 8) & 255}.${i & 255}.${(i >> 4) & 255}`,
    userAgent: AGENTS[i % AGENTS.length],
    requestParameters: params(i),
    responseElements: name.startsWith('Describe') || name.startsWith('Get') || name.startsWith('List') ? null : { requestId: `${(i * 40503).toString(16)}-0000` },
    ...(failed ? { errorCode: 'AccessDenied', errorMessage: `User is not authorized to perform: ${source.split('.')[0]}:${name}` } : {}),
    requestID: `${(i * 2246822519 >>> 0).toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`,
    eventID: `${(i * 3266489917 >>> 0).toString(16).padStart(8, '0')}-dddd-4eee-9fff-${String(i).padStart(12, '0')}`,
    readOnly: /^(Describe|Get|List|Lookup)/.test(name),
    resources: [{ accountId: ACCOUNT, type: `AWS::${source.split('.')[0]}::Resource`, ARN: `arn:aws:${source.split('.')[0]}:${region}:${ACCOUNT}:resource/${i % 1000}` }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
  };
}

async function writeCorpus(dir: string): Promise<void> {
  const perFile = Math.ceil(EVENTS / FILES);
  const start = Date.UTC(2026, 10, 14);
  const step = (7 * 86_400_000) / FILES; // a week of deliveries
  let written = 0;
  const pending: Promise<void>[] = [];
  for (let f = 0; f < FILES; f++) {
    const region = REGIONS[f % REGIONS.length]!;
    const delivered = start + f * step;
    const records = [];
    for (let k = 0; k < perFile && written < EVENTS; k++, written++) records.push(record(written, region, delivered - 300_000 + k * (300_000 / perFile)));
    const d = new Date(delivered);
    const folder = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', region, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0'));
    const stamp = d.toISOString().slice(0, 16).replace(/[-:]/g, '') + 'Z';
    const name = join(folder, `${ACCOUNT}_CloudTrail_${region}_${stamp}_${f.toString(16).padStart(16, '0')}.json.gz`);
    const text = JSON.stringify({ Records: records });
    pending.push(mkdir(folder, { recursive: true }).then(() => gz(text)).then((data) => writeFile(name, data)));
    if (pending.length >= 8) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

/** 57 rules in the shapes SigmaHQ's CloudTrail rules use: eventSource + eventName (lists), contains on objects, a regex, contains|all, startswith, fieldref, `1 of`, `not`, errorCode null. */
function syntheticRules(): string {
  const names = ['StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors', 'DeleteDetector', 'DisableSecurityHub', 'DeleteFlowLogs', 'CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile', 'AttachUserPolicy', 'PutUserPolicy', 'CreateUser', 'DeleteBucketPolicy', 'PutBucketAcl', 'ModifySnapshotAttribute', 'ModifyImageAttribute', 'RunInstances', 'GetSecretValue', 'GetPasswordData', 'ConsoleLogin', 'GetCallerIdentity', 'AssumeRoleWithWebIdentity', 'CreateFunction20150331', 'UpdateFunctionCode20150331v2', 'PutBucketPolicy', 'AuthorizeSecurityGroupIngress', 'CreateKeyPair', 'ImportKeyPair', 'DeleteLogGroup', 'StopConfigurationRecorder', 'DeleteDeliveryChannel', 'LeaveOrganization', 'GetFederationToken', 'SendCommand', 'StartSession', 'CreateTrustAnchor', 'PutModelInvocationLoggingConfiguration', 'InvokeModel', 'ModifyInstanceAttribute', 'CreateSnapshot', 'ShareDirectory', 'DeleteDBCluster', 'ModifyDBInstance', 'RestoreDBInstanceFromDBSnapshot', 'CreateVirtualMFADevice', 'DeactivateMFADevice', 'DeleteIdentity', 'PutRolePolicy', 'UpdateAssumeRolePolicy', 'CreateNetworkAclEntry', 'DisassociateFromMasterAccount', 'DeleteRule', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteVpc', 'GetSessionToken'];
  return names
    .map((name, i) => {
      const source = name.includes('Login') || name === 'ConsoleLogin' ? 'signin.amazonaws.com' : name.includes('Bucket') ? 's3.amazonaws.com' : 'ec2.amazonaws.com';
      const shapes = [
        `  selection:\n    eventSource: ${source}\n    eventName: ${name}\n  condition: selection`,
        `  selection:\n    eventSource: ${source}\n    eventName:\n      - ${name}\n      - ${name}V2\n  filter:\n    errorCode|contains: Denied\n  condition: selection and not filter`,
        `  selection:\n    eventName: ${name}\n    requestParameters|contains: 'ipProtocol'\n  condition: selection`,
        `  selection_source:\n    eventSource: ${source}\n    eventName: ${name}\n  selection_agent:\n    userAgent|contains|all: ['aws-cli', 'linux']\n  condition: 1 of selection_* and selection_source`,
        `  selection:\n    eventName: ${name}\n    userIdentity.arn|re: ':assumed-role/[a-z0-9-]+/i-[0-9a-f]+$'\n  condition: selection`,
        `  selection:\n    eventName: ${name}\n    userIdentity.arn|startswith: 'arn:aws:sts::'\n  success:\n    errorCode: null\n  condition: selection and success`,
        `  selection:\n    eventName: ${name}\n  filter:\n    userIdentity.arn|fieldref|contains: requestParameters.userName\n  condition: selection and not filter`,
      ];
      return `title: Synthetic SigmaHQ-shaped rule ${i + 1} (${name})\nid: 5a5a5a5a-0000-4000-8000-${String(i).padStart(12, '0')}\nstatus: test\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${shapes[i % shapes.length]}\nlevel: medium\n`;
    })
    .join('---\n');
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx bench/detect-corpus.ts DIR');
const t = performance.now();
await writeCorpus(dir);
await writeFile(join(dir, 'sigmahq-shaped.yml'), syntheticRules());
console.log(`Corpus: ${EVENTS.toLocaleString('en-US')} events in ${FILES.toLocaleString('en-US')} .json.gz files written in ${((performance.now() - t) / 1000).toFixed(1)}s (its own process)`);
