/**
 * CIS Amazon Web Services Foundations Benchmark v7.0.0: every requirement, with the checks that
 * answer it. Requirements without checks are reported as MANUAL (review them yourself).
 */
import type { Framework, Requirement } from '../framework.js';

const IAM = '2 Identity and Access Management';
const S3 = '3.1 Simple Storage Service (S3)';
const RDS = '3.2 Relational Database Service (RDS)';
const EFS = '3.3 Elastic File System (EFS)';
const LOGGING = '4 Logging';
const MONITORING = '5 Monitoring';
const NETWORKING = '6 Networking';

type Row = [id: string, section: string, title: string, automated: 'A' | 'M', profile: 'L1' | 'L2', checks?: Requirement['checks'], extra?: Partial<Requirement>];

const alarm = (event: string) => [{ check: 'cloudwatch-unusual-calls-alarmed', resourceSuffix: `/cis-monitoring/${event}` }];
const STRICTER_POLICY = { coverage: 'stricter', note: 'the check tests the whole password policy (AS-10): its message names the setting that fails' } as const;
const STRICTER_TRAIL = { coverage: 'stricter', note: 'the check also tests log validation, KMS encryption and CloudWatch Logs delivery (AS-41): its message names what is missing' } as const;
const STRICTER_BUCKET = { coverage: 'stricter', note: 'the check also tests public access and deletion protection of trail buckets (AS-42)' } as const;
const STRICTER_PORTS = { coverage: 'stricter', note: 'the check tests IPv4 and IPv6 together, and all ports as well as 22 and 3389' } as const;

const ROWS: readonly Row[] = [
  ['2.1.1', IAM, 'Ensure centralized root access in AWS Organizations', 'M', 'L2'],
  ['2.1.2', IAM, 'Ensure authorization guardrails for all AWS Organization accounts', 'M', 'L2'],
  ['2.1.3', IAM, 'Ensure Organizations management account is not used for workloads', 'M', 'L2'],
  ['2.1.4', IAM, 'Ensure Organizational Units are structured by environment and sensitivity', 'M', 'L2'],
  ['2.1.5', IAM, 'Ensure delegated admin manages AWS Organizations policies', 'M', 'L2'],
  ['2.1.6', IAM, 'Ensure delegated admins manage AWS Organizations-integrated services', 'M', 'L2'],
  ['2.2', IAM, 'Maintain current AWS account contact details', 'M', 'L1'],
  ['2.3', IAM, 'Ensure security contact information is registered', 'M', 'L1', ['account-security-contact-set']],
  ['2.4', IAM, "Ensure no 'root' user account access key exists", 'A', 'L1', ['iam-root-access-keys-absent']],
  ['2.5', IAM, "Ensure MFA is enabled for the 'root' user account", 'A', 'L1', ['iam-root-mfa-enabled']],
  ['2.6', IAM, "Ensure hardware MFA is enabled for the 'root' user account", 'M', 'L2', ['iam-root-hardware-mfa']],
  ['2.7', IAM, "Eliminate use of the 'root' user for administrative and daily tasks", 'M', 'L1', ['iam-root-not-used-recently']],
  ['2.8', IAM, 'Ensure IAM password policy requires minimum length of 14 or greater', 'A', 'L1', ['iam-password-policy-strong'], STRICTER_POLICY],
  ['2.9', IAM, 'Ensure IAM password policy prevents password reuse', 'A', 'L1', ['iam-password-policy-strong'], STRICTER_POLICY],
  ['2.10', IAM, 'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password', 'A', 'L1', ['iam-user-console-mfa-enabled']],
  ['2.11', IAM, 'Ensure credentials unused for 45 days or more are disabled', 'A', 'L1', ['iam-user-access-keys-used', 'iam-user-console-recently-used'], { thresholds: { accessKeyUnusedDays: 45, consoleUnusedDays: 45 } }],
  ['2.12', IAM, 'Ensure access keys are rotated every 90 days or less', 'A', 'L1', ['iam-user-access-keys-rotated'], { thresholds: { accessKeyMaxAgeDays: 90 } }],
  ['2.13', IAM, 'Ensure IAM users receive permissions only through groups', 'A', 'L1', ['iam-user-no-attached-policies']],
  ['2.14', IAM, 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached', 'A', 'L1', ['iam-policy-no-full-admin', 'iam-principal-no-full-admin']],
  ['2.15', IAM, 'Ensure a support role has been created to manage incidents with AWS Support', 'A', 'L1'],
  ['2.16', IAM, 'Ensure IAM instance roles are used for AWS resource access from instances', 'A', 'L2', ['ec2-instance-profile-attached']],
  ['2.17', IAM, 'Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed', 'A', 'L1'],
  ['2.18', IAM, 'Ensure that IAM External Access Analyzer is enabled for all regions', 'A', 'L1', ['accessanalyzer-analyzer-enabled']],
  ['2.19', IAM, 'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments', 'M', 'L2'],
  ['2.20', IAM, 'Ensure access to AWSCloudShellFullAccess is restricted', 'M', 'L1'],
  ['2.21', IAM, "Ensure AWS resource policies do not allow unrestricted access using 'Principal': '*'", 'M', 'L1', ['s3-bucket-not-public', 'iam-role-trust-restricted'], { coverage: 'partial', note: 'S3 bucket policies and role trust policies are checked; SQS, SNS, Lambda, KMS, Secrets Manager, Glacier and EventBridge policies are not' }],
  ['3.1.1', S3, 'Ensure S3 Bucket Policy is set to deny HTTP requests', 'A', 'L2'],
  ['3.1.2', S3, 'Ensure MFA Delete is enabled on S3 buckets', 'M', 'L2', ['cloudtrail-bucket-protected'], { coverage: 'partial', note: 'only trail buckets are checked, and Object Lock counts as protection too' }],
  ['3.1.3', S3, 'Ensure all data in Amazon S3 has been discovered, classified, and secured when necessary', 'M', 'L2'],
  ['3.1.4', S3, "Ensure that S3 is configured with 'Block Public Access' enabled", 'A', 'L1', ['s3-account-public-access-blocked', 's3-bucket-public-access-blocked']],
  ['3.2.1', RDS, 'Ensure that encryption-at-rest is enabled for RDS instances', 'A', 'L1'],
  ['3.2.2', RDS, 'Ensure the Auto Minor Version Upgrade feature is enabled for RDS instances', 'A', 'L1'],
  ['3.2.3', RDS, 'Ensure that RDS instances are not publicly accessible', 'A', 'L1'],
  ['3.2.4', RDS, 'Ensure Multi-AZ deployments are used for enhanced availability in Amazon RDS', 'M', 'L1'],
  ['3.3.1', EFS, 'Ensure that encryption is enabled for EFS file systems', 'A', 'L1'],
  ['4.1', LOGGING, 'Ensure CloudTrail is enabled in all regions', 'M', 'L1', ['cloudtrail-region-recorded']],
  ['4.2', LOGGING, 'Ensure CloudTrail log file validation is enabled', 'A', 'L2', ['cloudtrail-trail-trustworthy'], STRICTER_TRAIL],
  ['4.3', LOGGING, 'Ensure AWS Config is enabled in all regions', 'A', 'L2', ['config-recorder-on']],
  ['4.4', LOGGING, 'Ensure that server access logging is enabled on the CloudTrail S3 bucket', 'M', 'L1', ['cloudtrail-bucket-protected'], STRICTER_BUCKET],
  ['4.5', LOGGING, 'Ensure CloudTrail logs are encrypted at rest using KMS CMKs', 'A', 'L2', ['cloudtrail-trail-trustworthy'], STRICTER_TRAIL],
  ['4.6', LOGGING, 'Ensure rotation for customer-created symmetric CMKs is enabled', 'A', 'L2', ['kms-key-rotation-enabled']],
  ['4.7', LOGGING, 'Ensure VPC flow logging is enabled in all VPCs', 'A', 'L2'],
  ['4.8', LOGGING, 'Ensure that object-level logging for write events is enabled for S3 buckets', 'A', 'L2'],
  ['4.9', LOGGING, 'Ensure that object-level logging for read events is enabled for S3 buckets', 'A', 'L2'],
  ['4.10', LOGGING, 'Ensure all AWS-managed web front-end services have access logging enabled', 'M', 'L1'],
  ['5.1', MONITORING, 'Ensure unauthorized API calls are monitored', 'M', 'L2', alarm('unauthorized-api-calls')],
  ['5.2', MONITORING, 'Ensure management console sign-in without MFA is monitored', 'M', 'L1', alarm('console-login-without-mfa')],
  ['5.3', MONITORING, "Ensure usage of the 'root' account is monitored", 'M', 'L1', alarm('root-account-usage')],
  ['5.4', MONITORING, 'Ensure IAM policy changes are monitored', 'M', 'L1', alarm('iam-policy-changes')],
  ['5.5', MONITORING, 'Ensure CloudTrail configuration changes are monitored', 'M', 'L1', alarm('cloudtrail-changes')],
  ['5.6', MONITORING, 'Ensure AWS Management Console authentication failures are monitored', 'M', 'L2', alarm('console-login-failures')],
  ['5.7', MONITORING, 'Ensure disabling or scheduled deletion of customer created CMKs is monitored', 'M', 'L2', alarm('cmk-disable-or-deletion')],
  ['5.8', MONITORING, 'Ensure S3 bucket policy changes are monitored', 'M', 'L1', alarm('s3-bucket-policy-changes')],
  ['5.9', MONITORING, 'Ensure AWS Config configuration changes are monitored', 'M', 'L2', alarm('config-changes')],
  ['5.10', MONITORING, 'Ensure security group changes are monitored', 'M', 'L2', alarm('security-group-changes')],
  ['5.11', MONITORING, 'Ensure Network Access Control List (NACL) changes are monitored', 'M', 'L2', alarm('nacl-changes')],
  ['5.12', MONITORING, 'Ensure changes to network gateways are monitored', 'M', 'L1', alarm('network-gateway-changes')],
  ['5.13', MONITORING, 'Ensure route table changes are monitored', 'M', 'L1', alarm('route-table-changes')],
  ['5.14', MONITORING, 'Ensure VPC changes are monitored', 'M', 'L1', alarm('vpc-changes')],
  ['5.15', MONITORING, 'Ensure AWS Organizations changes are monitored', 'M', 'L1', alarm('organizations-changes')],
  ['5.16', MONITORING, 'Ensure AWS Security Hub is enabled', 'A', 'L2', ['securityhub-hub-enabled']],
  ['6.1.1', NETWORKING, 'Ensure EBS volume encryption is enabled in all regions', 'A', 'L1'],
  ['6.1.2', NETWORKING, 'Ensure CIFS access is restricted to trusted networks to prevent unauthorized access', 'A', 'L1', ['ec2-security-group-risky-ports-restricted'], { coverage: 'stricter', note: 'the check covers every configured risky port (445 among them): its message names the ports' }],
  ['6.2', NETWORKING, 'Ensure no Network ACLs allow ingress from 0.0.0.0/0 to remote server administration ports', 'A', 'L1'],
  ['6.3', NETWORKING, 'Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports', 'A', 'L1', ['ec2-security-group-admin-ports-restricted'], STRICTER_PORTS],
  ['6.4', NETWORKING, 'Ensure no security groups allow ingress from ::/0 to remote server administration ports', 'A', 'L1', ['ec2-security-group-admin-ports-restricted'], STRICTER_PORTS],
  ['6.5', NETWORKING, 'Ensure the default security group of every VPC restricts all traffic', 'A', 'L2', ['ec2-default-security-group-closed']],
  ['6.6', NETWORKING, 'Ensure routing tables for VPC peering are "least access"', 'M', 'L2'],
  ['6.7', NETWORKING, 'Ensure that the EC2 Metadata Service only allows IMDSv2', 'A', 'L1'],
  ['6.8', NETWORKING, 'Ensure VPC Endpoints are used for access to AWS Services', 'M', 'L2'],
];

export const CIS_7_0: Framework = {
  id: 'cis-7.0',
  title: 'CIS Amazon Web Services Foundations Benchmark',
  version: '7.0.0',
  url: 'https://www.cisecurity.org/benchmark/amazon_web_services',
  requirements: ROWS.map(([id, section, title, automated, profile, checks = [], extra = {}]) => ({ id, section, title, automated: automated === 'A', profile, checks, ...extra })),
};
