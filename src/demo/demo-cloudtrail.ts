/**
 * The bundled sample log for `bulwark detect --demo`: a day in a small account (111122223333) in
 * which someone guesses bob's console password, signs in without MFA, makes a backdoor admin with
 * a key, stops the trail, and the root user signs in from an unknown address — among ordinary
 * traffic from a deploy role, an MFA-protected IAM user and an Identity Center user. Written as
 * trail files in the S3 layout so the demo runs through the same readers as real logs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const DEMO_ACCOUNT = '111122223333';
const A = DEMO_ACCOUNT;
const ATTACKER_IP = '203.0.113.66';
const OFFICE_IP = '198.51.100.10';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CLI = 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard';

type Record = { [key: string]: unknown };

let serial = 0;
function id(): string {
  serial++;
  return `d3m0${serial.toString(16).padStart(4, '0')}-5e1f-4c2b-9a7d-${serial.toString(16).padStart(12, '0')}`;
}

const user = (name: string, keyId?: string) => ({ type: 'IAMUser', principalId: `AIDAQ${name.toUpperCase().padEnd(16, 'X').slice(0, 16)}`, arn: `arn:aws:iam::${A}:user/${name}`, accountId: A, ...(keyId ? { accessKeyId: keyId } : {}), userName: name });
const failedUser = (name: string) => ({ type: 'IAMUser', principalId: A, accountId: A, accessKeyId: '', userName: name });
const root = { type: 'Root', principalId: A, arn: `arn:aws:iam::${A}:root`, accountId: A, accessKeyId: '' };
const deployRole = {
  type: 'AssumedRole',
  principalId: 'AROAQDEPLOYROLE00001:github-actions',
  arn: `arn:aws:sts::${A}:assumed-role/deploy/github-actions`,
  accountId: A,
  accessKeyId: 'ASIAQDEPLOYSESSION01',
  sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAQDEPLOYROLE00001', arn: `arn:aws:iam::${A}:role/deploy`, accountId: A, userName: 'deploy' }, attributes: { creationDate: '2026-11-20T06:00:00Z', mfaAuthenticated: 'false' } },
};
const ssoUser = {
  type: 'AssumedRole',
  principalId: 'AROAQSSOADMIN0000001:dana@example.com',
  arn: `arn:aws:sts::${A}:assumed-role/AWSReservedSSO_AdministratorAccess_5f2c9a1e7b3d4c60/dana@example.com`,
  accountId: A,
  sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAQSSOADMIN0000001', arn: `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_5f2c9a1e7b3d4c60`, accountId: A, userName: 'AWSReservedSSO_AdministratorAccess_5f2c9a1e7b3d4c60' }, attributes: { creationDate: '2026-11-20T07:30:00Z', mfaAuthenticated: 'false' } },
};

function api(time: string, who: object, source: string, name: string, region: string, ip: string, agent: string, request: unknown, response: unknown = null, extra: Record = {}): Record {
  return {
    eventVersion: '1.10',
    userIdentity: who,
    eventTime: time,
    eventSource: source,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: ip,
    userAgent: agent,
    requestParameters: request,
    responseElements: response,
    requestID: id(),
    eventID: id(),
    readOnly: /^(Describe|Get|List|Lookup)/.test(name),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: A,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${source.split('.')[0]}.${region}.amazonaws.com` },
    ...extra,
  };
}

function signin(time: string, who: object, ip: string, result: 'Success' | 'Failure', mfa: 'Yes' | 'No', saml?: string): Record {
  return {
    eventVersion: '1.09',
    userIdentity: who,
    eventTime: time,
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: BROWSER,
    requestParameters: null,
    responseElements: { ConsoleLogin: result },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfa, ...(saml ? { SamlProviderArn: saml } : {}) },
    ...(result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    eventID: id(),
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: A,
    eventCategory: 'Management',
  };
}

const at = (hh: number, mm: number, ss = 0) => new Date(Date.UTC(2026, 10, 20, hh, mm, ss)).toISOString().replace('.000Z', 'Z');

/** The demo day's records, in time order. */
export function demoRecords(): Record[] {
  serial = 0;
  const records: Record[] = [];
  // Ordinary traffic: the deploy role every 10 minutes, in both regions.
  for (let m = 0; m < 24 * 6; m++) {
    const time = at(Math.floor(m / 6), (m % 6) * 10, 7);
    const region = m % 3 === 0 ? 'eu-west-1' : 'us-east-1';
    records.push(api(time, deployRole, 'ec2.amazonaws.com', 'DescribeInstances', region, '192.0.2.44', `${CLI} md/command#ec2.describe-instances`, { instancesSet: {}, filterSet: {} }));
    if (m % 4 === 0) records.push(api(time, deployRole, 'lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', region, '192.0.2.44', `${CLI} md/command#lambda.update-function-configuration`, { functionName: 'orders-api', environment: { variables: { DATABASE_PASSWORD: 'Wz9!kq2Lr8vX#pT4' } } }));
  }
  records.push(signin(at(7, 58), user('alice'), OFFICE_IP, 'Success', 'Yes'));
  records.push(signin(at(7, 31), ssoUser, OFFICE_IP, 'Success', 'No', `arn:aws:iam::${A}:saml-provider/AWSSSO_5f2c9a1e7b3d4c60_DO_NOT_DELETE`));
  // The attack: guessing bob's password, then in without MFA.
  for (let i = 0; i < 14; i++) records.push(signin(at(9, 12, i * 13), failedUser('bob'), ATTACKER_IP, 'Failure', 'No'));
  records.push(signin(at(9, 16, 5), user('bob'), ATTACKER_IP, 'Success', 'No'));
  const bob = user('bob', 'ASIAQBOBCONSOLE00001');
  records.push(api(at(9, 18), bob, 'iam.amazonaws.com', 'CreateUser', 'us-east-1', ATTACKER_IP, BROWSER, { userName: 'svc-backup' }, { user: { path: '/', userName: 'svc-backup', userId: 'AIDAQSVCBACKUP000001', arn: `arn:aws:iam::${A}:user/svc-backup`, createDate: 'Nov 20, 2026 9:18:00 AM' } }));
  records.push(api(at(9, 18, 40), bob, 'iam.amazonaws.com', 'AttachUserPolicy', 'us-east-1', ATTACKER_IP, BROWSER, { userName: 'svc-backup', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
  records.push(api(at(9, 19, 10), bob, 'iam.amazonaws.com', 'CreateAccessKey', 'us-east-1', ATTACKER_IP, BROWSER, { userName: 'svc-backup' }, { accessKey: { userName: 'svc-backup', accessKeyId: 'AKIAQSVCBACKUPKEY001', status: 'Active', createDate: 'Nov 20, 2026 9:19:10 AM' } }));
  const backdoor = user('svc-backup', 'AKIAQSVCBACKUPKEY001');
  records.push(api(at(9, 24), backdoor, 'cloudtrail.amazonaws.com', 'StopLogging', 'eu-west-1', ATTACKER_IP, `${CLI} md/command#cloudtrail.stop-logging`, { name: `arn:aws:cloudtrail:eu-west-1:${A}:trail/management-events` }));
  records.push(api(at(9, 25), backdoor, 'ec2.amazonaws.com', 'RunInstances', 'ap-southeast-2', ATTACKER_IP, `${CLI} md/command#ec2.run-instances`, { instancesSet: { items: [{ imageId: 'ami-0a1b2c3d4e5f60718', minCount: 8, maxCount: 8 }] }, instanceType: 'p4d.24xlarge' }));
  records.push(signin(at(11, 2), root, '192.0.2.200', 'Success', 'No'));
  return records.sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
}

/** Writes the demo day as trail files (one per region and hour) under `dir`, as a trail delivers them to S3. */
export async function writeDemoLogs(dir: string): Promise<void> {
  const files = new Map<string, Record[]>();
  for (const r of demoRecords()) {
    const region = String(r.awsRegion);
    const hour = String(r.eventTime).slice(11, 13);
    const key = `${region}/${hour}`;
    files.set(key, [...(files.get(key) ?? []), r]);
  }
  for (const [key, records] of files) {
    const [region, hour] = key.split('/') as [string, string];
    const folder = join(dir, 'AWSLogs', A, 'CloudTrail', region, '2026', '11', '20');
    await mkdir(folder, { recursive: true });
    const name = `${A}_CloudTrail_${region}_20261120T${hour}55Z_${Buffer.from(key).toString('hex').slice(0, 16).padEnd(16, '0')}.json.gz`;
    await writeFile(join(folder, name), gzipSync(JSON.stringify({ Records: records })));
  }
}
