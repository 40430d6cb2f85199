/** Every scope reader, and the read-only IAM policy they need (generated into docs/permissions/). */
import { permissionFor } from '../../aws/permissions.js';
import { bucketPolicyReader } from './bucket-policies.js';
import { COST_OPERATIONS } from './cost.js';
import { ec2Reader } from './ec2.js';
import { securityGroupReader } from './ec2-security-groups.js';
import { sharingReader } from './ec2-sharing.js';
import { ecsReader } from './ecs.js';
import { iamReader } from './iam.js';
import { lambdaReader } from './lambda.js';
import { organizationsReader } from './organizations.js';
import type { ScopeReader } from './reader.js';

export const SCOPE_READERS: readonly ScopeReader[] = [iamReader, organizationsReader, bucketPolicyReader, ec2Reader, securityGroupReader, sharingReader, lambdaReader, ecsReader];

/** Calls outside the readers: the suspect's events (LookupEvents, or a trail bucket) and the cost. */
const EVENT_OPERATIONS = ['cloudtrail:LookupEvents', 's3:ListObjectsV2', 's3:GetObject', 'sts:GetCallerIdentity', 'ec2:DescribeRegions'];

export function respondReadPermissions(): string[] {
  const operations = [...SCOPE_READERS.flatMap((r) => r.operations), ...COST_OPERATIONS, ...EVENT_OPERATIONS];
  const permissions = operations.flatMap((op) => {
    const [service = '', name = ''] = op.split(':');
    return permissionFor(service, name) ?? [];
  });
  return [...new Set(permissions)].sort();
}

export function respondReadPolicy() {
  return { Version: '2012-10-17', Statement: [{ Sid: 'BulwarkRespondReadOnlyScope', Effect: 'Allow', Action: respondReadPermissions(), Resource: '*' }] };
}
