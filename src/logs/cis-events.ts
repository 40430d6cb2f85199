/**
 * The CIS AWS Foundations monitoring requirements (section 4 / 5 "Monitoring"), each with the
 * canonical CloudTrail events a metric filter must match to count as covering it.
 */
export interface MonitoredEvent {
  readonly id: string;
  readonly title: string;
  /** Label → a minimal CloudTrail record with the fields the usual filters look at. */
  readonly events: Readonly<Record<string, object>>;
}

const api = (eventSource: string, eventName: string, extra: object = {}) => ({
  eventVersion: '1.09',
  eventSource,
  eventName,
  eventType: 'AwsApiCall',
  awsRegion: 'us-east-1',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/someone', accountId: '123456789012' },
  ...extra,
});
const each = (source: string, names: string[]) => Object.fromEntries(names.map((name) => [name, api(source, name)]));
const console = (extra: object) => api('signin.amazonaws.com', 'ConsoleLogin', { eventType: 'AwsConsoleSignIn', ...extra });

export const MONITORED_EVENTS: readonly MonitoredEvent[] = [
  {
    id: 'unauthorized-api-calls',
    title: 'unauthorized API calls',
    events: {
      'AccessDenied': api('s3.amazonaws.com', 'GetObject', { errorCode: 'AccessDenied', errorMessage: 'Access Denied' }),
      'Client.UnauthorizedOperation': api('ec2.amazonaws.com', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation' }),
    },
  },
  {
    id: 'console-login-without-mfa',
    title: 'console sign-in without MFA',
    events: { 'ConsoleLogin without MFA': console({ responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { MFAUsed: 'No' } }) },
  },
  {
    id: 'root-account-usage',
    title: 'root account usage',
    events: {
      'root console sign-in': console({ userIdentity: { type: 'Root', arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012' }, additionalEventData: { MFAUsed: 'Yes' } }),
      'root API call': api('iam.amazonaws.com', 'CreateAccessKey', { userIdentity: { type: 'Root', arn: 'arn:aws:iam::123456789012:root', accountId: '123456789012' } }),
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
    events: { 'failed ConsoleLogin': console({ errorMessage: 'Failed authentication', responseElements: { ConsoleLogin: 'Failure' } }) },
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
