/**
 * The CIS AWS Foundations monitoring requirements (section 3 in v1.x, 4 in v1.4–v5, 5 in v6–v7;
 * Security Hub's CloudWatch.1–14), each with the CloudTrail events a metric filter must match to
 * count as covering it. Each event is a whole record, with every field CloudTrail writes for it,
 * so that a filter excluding noise by another field (`$.sourceIPAddress != "delivery.logs…"`,
 * `$.userIdentity.type = "IAMUser"`) is judged as CloudWatch Logs would judge it.
 */
export interface MonitoredEvent {
  readonly id: string;
  readonly title: string;
  /** Label → a complete CloudTrail record of that event. */
  readonly events: Readonly<Record<string, object>>;
}

const ACCOUNT = '123456789012';
const USER = { type: 'IAMUser', principalId: 'AIDAEXAMPLEUSERID0001', arn: `arn:aws:iam::${ACCOUNT}:user/someone`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLEKEYID0001', userName: 'someone' };
const ROOT = { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'ASIAEXAMPLEROOTKEY01' };

let serial = 0;
/** Distinct, stable ids: real records never share an eventID or requestID. */
const nextId = () => (++serial).toString(16).padStart(12, '0');

/** A management API call as CloudTrail records it; `extra` overrides or adds fields. */
const api = (eventSource: string, eventName: string, extra: object = {}) => {
  const id = nextId();
  return {
    eventVersion: '1.10',
    userIdentity: USER,
    eventTime: '2026-11-30T09:15:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: `aws-cli/2.22.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe command/${eventSource.split('.')[0]}.${eventName}`,
    requestParameters: {},
    responseElements: null,
    requestID: `0a1b2c3d-0000-4000-8000-${id}`,
    eventID: `e0e1e2e3-0000-4000-8000-${id}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource.split('.')[0]}.us-east-1.amazonaws.com` },
    ...extra,
  };
};
const each = (source: string, names: string[]) => Object.fromEntries(names.map((name) => [name, api(source, name)]));
/** A console sign-in: no key, no request, the browser as user agent, the outcome in responseElements. */
const signIn = (extra: object) =>
  api('signin.amazonaws.com', 'ConsoleLogin', {
    userIdentity: { type: 'IAMUser', principalId: USER.principalId, arn: USER.arn, accountId: ACCOUNT, userName: USER.userName },
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    requestParameters: null,
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'signin.aws.amazon.com' },
    eventType: 'AwsConsoleSignIn',
    ...extra,
  });
const loginData = (mfa: 'Yes' | 'No') => ({ LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfa });

export const MONITORED_EVENTS: readonly MonitoredEvent[] = [
  {
    id: 'unauthorized-api-calls',
    title: 'unauthorized API calls',
    events: {
      'AccessDenied': api('s3.amazonaws.com', 'GetBucketPolicy', {
        requestParameters: { bucketName: 'payroll-exports', Host: 'payroll-exports.s3.us-east-1.amazonaws.com', policy: '' },
        errorCode: 'AccessDenied',
        errorMessage: 'User: arn:aws:iam::123456789012:user/someone is not authorized to perform: s3:GetBucketPolicy on resource: "arn:aws:s3:::payroll-exports" because no identity-based policy allows the s3:GetBucketPolicy action',
        readOnly: true,
        resources: [{ accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::payroll-exports' }],
      }),
      'Client.UnauthorizedOperation': api('ec2.amazonaws.com', 'RunInstances', {
        requestParameters: { instancesSet: { items: [{ imageId: 'ami-0abcdef1234567890', minCount: 1, maxCount: 1 }] }, instanceType: 'p5.48xlarge' },
        errorCode: 'Client.UnauthorizedOperation',
        errorMessage: 'You are not authorized to perform this operation. User: arn:aws:iam::123456789012:user/someone is not authorized to perform: ec2:RunInstances',
      }),
    },
  },
  {
    id: 'console-login-without-mfa',
    title: 'console sign-in without MFA',
    events: { 'ConsoleLogin without MFA': signIn({ responseElements: { ConsoleLogin: 'Success' }, additionalEventData: loginData('No') }) },
  },
  {
    id: 'root-account-usage',
    title: 'root account usage',
    events: {
      'root console sign-in': signIn({
        userIdentity: { type: 'Root', principalId: ACCOUNT, arn: ROOT.arn, accountId: ACCOUNT },
        responseElements: { ConsoleLogin: 'Success' },
        additionalEventData: loginData('Yes'),
      }),
      'root API call': api('iam.amazonaws.com', 'CreateAccessKey', { userIdentity: ROOT, requestParameters: {}, responseElements: { accessKey: { accessKeyId: 'AKIAEXAMPLENEWKEY001', status: 'Active', createDate: 'Nov 30, 2026 9:15:00 AM' } } }),
    },
  },
  {
    id: 'iam-policy-changes',
    title: 'IAM policy changes',
    events: each('iam.amazonaws.com', [
      'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy',
      'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
    ]),
  },
  { id: 'cloudtrail-changes', title: 'CloudTrail configuration changes', events: each('cloudtrail.amazonaws.com', ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']) },
  {
    id: 'console-login-failures',
    title: 'console authentication failures',
    events: {
      'failed ConsoleLogin': signIn({
        userIdentity: { type: 'IAMUser', principalId: USER.principalId, accountId: ACCOUNT, accessKeyId: '', userName: USER.userName },
        responseElements: { ConsoleLogin: 'Failure' },
        additionalEventData: loginData('No'),
        errorMessage: 'Failed authentication',
      }),
    },
  },
  { id: 'cmk-disable-or-deletion', title: 'disabling or scheduled deletion of customer-managed keys', events: each('kms.amazonaws.com', ['DisableKey', 'ScheduleKeyDeletion']) },
  {
    id: 's3-bucket-policy-changes',
    title: 'S3 bucket policy changes',
    events: each('s3.amazonaws.com', ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']),
  },
  { id: 'config-changes', title: 'AWS Config configuration changes', events: each('config.amazonaws.com', ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']) },
  {
    id: 'security-group-changes',
    title: 'security group changes',
    events: each('ec2.amazonaws.com', ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']),
  },
  {
    id: 'nacl-changes',
    title: 'network ACL changes',
    events: each('ec2.amazonaws.com', ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
  },
  {
    id: 'network-gateway-changes',
    title: 'network gateway changes',
    events: each('ec2.amazonaws.com', ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway']),
  },
  {
    id: 'route-table-changes',
    title: 'route table changes',
    events: each('ec2.amazonaws.com', ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
  },
  {
    id: 'vpc-changes',
    title: 'VPC changes',
    events: each('ec2.amazonaws.com', [
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
    ]),
  },
  {
    id: 'organizations-changes',
    title: 'AWS Organizations changes',
    events: each('organizations.amazonaws.com', [
      'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit',
      'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount',
      'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
    ]),
  },
];

/** The first canonical event of a requirement the compiled filter does not match, or undefined when it covers them all. */
export function firstMissed(requirement: MonitoredEvent, matches: (event: unknown) => boolean): string | undefined {
  return Object.entries(requirement.events).find(([, event]) => !matches(event))?.[0];
}
