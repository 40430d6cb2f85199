import { describe, expect, it } from 'vitest';
import { compilePattern } from './filter-pattern.js';
import { firstMissed, MONITORED_EVENTS } from './cis-events.js';
import { filterPattern } from '../fixers/cloudwatch.js';

/** Disjunctions of event names, in the two spellings the publications use. */
const names = (list: string, quote = false, spaced = true) =>
  list.split(' ').map((n) => (spaced ? `($.eventName = ${quote ? `"${n}"` : n})` : `($.eventName=${n})`)).join(spaced ? ' || ' : '||');

const IAM = 'DeleteGroupPolicy DeleteRolePolicy DeleteUserPolicy PutGroupPolicy PutRolePolicy PutUserPolicy CreatePolicy DeletePolicy CreatePolicyVersion DeletePolicyVersion AttachRolePolicy DetachRolePolicy AttachUserPolicy DetachUserPolicy AttachGroupPolicy DetachGroupPolicy';
const TRAIL = 'CreateTrail UpdateTrail DeleteTrail StartLogging StopLogging';
const S3 = 'PutBucketAcl PutBucketPolicy PutBucketCors PutBucketLifecycle PutBucketReplication DeleteBucketPolicy DeleteBucketCors DeleteBucketLifecycle DeleteBucketReplication';
const CONFIG = 'StopConfigurationRecorder DeleteDeliveryChannel PutDeliveryChannel PutConfigurationRecorder';
const SG = 'AuthorizeSecurityGroupIngress AuthorizeSecurityGroupEgress RevokeSecurityGroupIngress RevokeSecurityGroupEgress CreateSecurityGroup DeleteSecurityGroup';
const NACL = 'CreateNetworkAcl CreateNetworkAclEntry DeleteNetworkAcl DeleteNetworkAclEntry ReplaceNetworkAclEntry ReplaceNetworkAclAssociation';
const GATEWAY = 'CreateCustomerGateway DeleteCustomerGateway AttachInternetGateway CreateInternetGateway DeleteInternetGateway DetachInternetGateway';
const ROUTE = 'CreateRoute CreateRouteTable ReplaceRoute ReplaceRouteTableAssociation DeleteRouteTable DeleteRoute DisassociateRouteTable';
const VPC = 'CreateVpc DeleteVpc ModifyVpcAttribute AcceptVpcPeeringConnection CreateVpcPeeringConnection DeleteVpcPeeringConnection RejectVpcPeeringConnection AttachClassicLinkVpc DetachClassicLinkVpc DisableVpcClassicLink EnableVpcClassicLink';
const ORG = 'AcceptHandshake AttachPolicy CreateAccount CreateOrganizationalUnit CreatePolicy DeclineHandshake DeleteOrganization DeleteOrganizationalUnit DeletePolicy DetachPolicy DisablePolicyType EnablePolicyType InviteAccountToOrganization LeaveOrganization MoveAccount RemoveAccountFromOrganization UpdatePolicy UpdateOrganizationalUnit';
const ROOT = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

/** The patterns as each publication prints them, by requirement. */
const PUBLISHED: Record<string, Record<string, string>> = {
  // CIS v1.4.0–v7.0.0 (4.1–4.15, renumbered 5.1–5.15 in v6): noise filters on unauthorized calls, sources on the service-specific ones.
  'CIS 4.x / 5.x (v1.4–v7.0)': {
    'unauthorized-api-calls': '{ ($.errorCode ="*UnauthorizedOperation") || ($.errorCode ="AccessDenied*") && ($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket") }',
    'console-login-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    'root-account-usage': ROOT,
    'iam-policy-changes': `{ ($.eventSource = iam.amazonaws.com) && (${names(IAM)}) }`,
    'cloudtrail-changes': `{ ${names(TRAIL)} }`,
    'console-login-failures': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    'cmk-disable-or-deletion': '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    's3-bucket-policy-changes': `{ ($.eventSource = s3.amazonaws.com) && (${names(S3)}) }`,
    'config-changes': `{ ($.eventSource = config.amazonaws.com) && (${names(CONFIG, false, false)}) }`,
    'security-group-changes': `{ ${names(SG)} }`,
    'nacl-changes': `{ ${names(NACL)} }`,
    'network-gateway-changes': `{ ${names(GATEWAY)} }`,
    'route-table-changes': `{ ($.eventSource = ec2.amazonaws.com) && (${names(ROUTE)}) }`,
    'vpc-changes': `{ ${names(VPC)} }`,
    'organizations-changes': `{ ($.eventSource = organizations.amazonaws.com) && (${names(ORG, true)}) }`,
  },
  'the v1.4 unauthorized-calls text with its grouping written out': {
    'unauthorized-api-calls': '{(($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && (($.sourceIPAddress!="delivery.logs.amazonaws.com") && ($.eventName!="HeadBucket"))}',
    'console-login-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  },
  // CIS v1.1–v1.3 (3.1–3.14), the same as Security Hub's CIS v1.2.0 standard.
  'CIS 3.x (v1.1–v1.3)': {
    'unauthorized-api-calls': '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    'console-login-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    'root-account-usage': '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    'iam-policy-changes': `{${names(IAM, false, false)}}`,
    'cloudtrail-changes': `{ ${names(TRAIL)} }`,
    'console-login-failures': '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    'cmk-disable-or-deletion': '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}',
    's3-bucket-policy-changes': `{ ($.eventSource = s3.amazonaws.com) && (${names(S3)}) }`,
    'config-changes': `{($.eventSource = config.amazonaws.com) && ((${names(CONFIG, false, false)}))}`,
    'security-group-changes': `{ ${names(SG)} }`,
    'nacl-changes': `{ ${names(NACL)} }`,
    'network-gateway-changes': `{ ${names(GATEWAY)} }`,
    'route-table-changes': `{ ${names(ROUTE)} }`,
    'vpc-changes': `{ ${names(VPC)} }`,
  },
  // Security Hub CloudWatch.1–14 remediation text.
  'Security Hub CloudWatch.1–14': {
    'root-account-usage': '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    'unauthorized-api-calls': '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    'console-login-without-mfa': '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    'iam-policy-changes': `{${names(IAM, false, false)}}`,
    'cloudtrail-changes': `{${names(TRAIL, false, false)}}`,
    'console-login-failures': '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    'cmk-disable-or-deletion': '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}',
    's3-bucket-policy-changes': `{($.eventSource=s3.amazonaws.com) && (${names(S3, false, false)})}`,
    'config-changes': `{($.eventSource=config.amazonaws.com) && (${names(CONFIG, false, false)})}`,
    'security-group-changes': `{${names(SG, false, false)}}`,
    'nacl-changes': `{${names(NACL, false, false)}}`,
    'network-gateway-changes': `{${names(GATEWAY, false, false)}}`,
    'route-table-changes': `{($.eventSource=ec2.amazonaws.com) && (${names(ROUTE, false, false)})}`,
    'vpc-changes': `{${names(VPC, false, false)}}`,
  },
};

const requirement = (id: string) => {
  const found = MONITORED_EVENTS.find((r) => r.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};
const missed = (id: string, pattern: string) => firstMissed(requirement(id), compilePattern(pattern));
const published = Object.entries(PUBLISHED).flatMap(([source, patterns]) => Object.entries(patterns).map(([id, pattern]) => ({ source, id, pattern })));

describe('the published CIS and Security Hub patterns', () => {
  it('name every requirement somewhere, and the newest CIS text names them all', () => {
    expect(Object.keys(PUBLISHED['CIS 4.x / 5.x (v1.4–v7.0)']!).sort()).toEqual(MONITORED_EVENTS.map((r) => r.id).sort());
  });

  it.each(published)('$source $id covers every monitored event', ({ id, pattern }) => expect(missed(id, pattern)).toBeUndefined());

  it.each(MONITORED_EVENTS.map((r) => r.id))("the fixer's own filter for %s covers every monitored event", (id) => expect(missed(id, filterPattern(requirement(id)))).toBeUndefined());
});

/** Each published pattern with one event-name alternative taken out misses exactly that event. */
const narrowedByName = published.flatMap(({ source, id, pattern }) =>
  Object.keys(requirement(id).events).flatMap((label) => {
    const term = new RegExp(`\\s*\\|\\|\\s*\\(\\$\\.eventName\\s*=\\s*"?${label}"?\\)|\\(\\$\\.eventName\\s*=\\s*"?${label}"?\\)\\s*\\|\\|\\s*`);
    return term.test(pattern) ? [{ source, id, label, pattern: pattern.replace(term, '') }] : [];
  }),
);

describe('narrowed patterns', () => {
  it('exist for every requirement listed by event name', () => expect(new Set(narrowedByName.map((n) => n.id)).size).toBe(MONITORED_EVENTS.length - 4));

  it.each(narrowedByName)('$source $id without $label misses it', ({ id, label, pattern }) => expect(missed(id, pattern)).toBe(label));

  it.each([
    ['unauthorized calls on one service only', 'unauthorized-api-calls', '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.eventSource = "ec2.amazonaws.com") }', 'AccessDenied'],
    ['unauthorized calls from the console only', 'unauthorized-api-calls', '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress = "AWS Internal") }', 'AccessDenied'],
    ['unauthorized calls without the CLI', 'unauthorized-api-calls', '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.userAgent != "aws-cli*") }', 'AccessDenied'],
    ['sign-in without MFA for roles only', 'console-login-without-mfa', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "AssumedRole") }', 'ConsoleLogin without MFA'],
    ['sign-in without MFA, failures only', 'console-login-without-mfa', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.responseElements.ConsoleLogin = "Failure") }', 'ConsoleLogin without MFA'],
    ['root use, console only', 'root-account-usage', '{ $.userIdentity.type = "Root" && $.eventName = "ConsoleLogin" }', 'root API call'],
    ['root use with an access key only', 'root-account-usage', '{ $.userIdentity.type = "Root" && $.userIdentity.accessKeyId = "AKIA*" }', 'root console sign-in'],
    ['root use, API calls only', 'root-account-usage', '{ $.userIdentity.type = "Root" && $.eventType = "AwsApiCall" }', 'root console sign-in'],
    ['failures with the wrong message', 'console-login-failures', '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Access denied") }', 'failed ConsoleLogin'],
    ['IAM changes on another source', 'iam-policy-changes', `{ ($.eventSource = sts.amazonaws.com) && (${names(IAM)}) }`, 'DeleteGroupPolicy'],
    ['route tables in one region', 'route-table-changes', `{ ($.awsRegion = "eu-west-1") && (${names(ROUTE)}) }`, 'CreateRoute'],
    ['organisation changes read-only', 'organizations-changes', `{ ($.readOnly IS TRUE) && (${names(ORG, true)}) }`, 'AcceptHandshake'],
  ])('%s', (_name, id, pattern, label) => expect(missed(id, pattern)).toBe(label));
});
