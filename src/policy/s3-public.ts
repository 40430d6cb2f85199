/**
 * Whether a bucket is public, decided the way S3 does: a public ACL grant (AllUsers or
 * AuthenticatedUsers) unless IgnorePublicAcls applies; a bucket policy that allows anyone unless a
 * condition pins the caller to fixed values (or a set of CIDRs), and unless RestrictPublicBuckets
 * applies. Block Public Access settings of the account and the bucket combine: either one on is on.
 */
import type { AclGrant, PublicAccessBlock, S3Bucket } from '../inventory/schema.js';
import { describeNotCollected, type Fact } from '../core/fact.js';
import { appliesToAnyone, isPolicy, parsePolicy } from './document.js';
import type { Policy, Statement } from './document.js';
import { coversAction } from './match.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export type Access = 'read' | 'list' | 'write' | 'read ACL' | 'write ACL';

export interface Exposure {
  readonly via: 'ACL' | 'policy';
  readonly to: string;
  readonly access: readonly Access[];
  /** The Block Public Access setting that neutralises it, if any. */
  readonly blockedBy?: 'IgnorePublicAcls' | 'RestrictPublicBuckets';
}

const ACL_ACCESS: Record<AclGrant['permission'], Access[]> = {
  READ: ['list'],
  WRITE: ['write'],
  READ_ACP: ['read ACL'],
  WRITE_ACP: ['write ACL'],
  FULL_CONTROL: ['list', 'write', 'read ACL', 'write ACL'],
};

/** Probe actions for each kind of access a policy can give. */
const POLICY_ACCESS: Record<Access, readonly string[]> = {
  read: ['s3:GetObject'],
  list: ['s3:ListBucket'],
  write: ['s3:PutObject', 's3:DeleteObject'],
  'read ACL': ['s3:GetBucketAcl', 's3:GetObjectAcl'],
  'write ACL': ['s3:PutBucketAcl', 's3:PutObjectAcl', 's3:PutBucketPolicy'],
};

/** Keys whose fixed values restrict a wildcard principal to known callers (S3's own list, plus organisation keys). */
const FIXING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:sourceorgid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  'aws:userid',
  'aws:principalorgid',
  'aws:principalaccount',
  'aws:principalarn',
  's3:dataaccesspointaccount',
  's3:dataaccesspointarn',
]);

/** Combined Block Public Access: a setting is on when the account or the bucket turns it on. */
export function effectiveBlock(account: PublicAccessBlock | null, bucket: PublicAccessBlock | null): PublicAccessBlock {
  const on = (key: keyof PublicAccessBlock) => Boolean(account?.[key]) || Boolean(bucket?.[key]);
  return { blockPublicAcls: on('blockPublicAcls'), ignorePublicAcls: on('ignorePublicAcls'), blockPublicPolicy: on('blockPublicPolicy'), restrictPublicBuckets: on('restrictPublicBuckets') };
}

export function aclExposures(grants: readonly AclGrant[], block: PublicAccessBlock): Exposure[] {
  const byGroup = new Map<string, Set<Access>>();
  for (const grant of grants) {
    const to = grant.granteeUri === ALL_USERS ? 'everyone (AllUsers)' : grant.granteeUri === AUTHENTICATED_USERS ? 'any AWS account (AuthenticatedUsers)' : undefined;
    if (!to) continue;
    const access = byGroup.get(to) ?? new Set<Access>();
    for (const a of ACL_ACCESS[grant.permission]) access.add(a);
    byGroup.set(to, access);
  }
  return [...byGroup].map(([to, access]) => ({ via: 'ACL', to, access: [...access], ...(block.ignorePublicAcls ? { blockedBy: 'IgnorePublicAcls' as const } : {}) }));
}

function cidrIsNarrow(cidr: string): boolean {
  const [address, bits] = cidr.split('/');
  if (!address) return false;
  const prefix = bits === undefined ? (address.includes(':') ? 128 : 32) : Number(bits);
  // 0.0.0.0/0 and ::/0 are the internet; anything wider than /8 (IPv4) or /32 (IPv6) is treated as public too.
  return address.includes(':') ? prefix >= 32 : prefix >= 8;
}

/** Whether the statement's conditions pin an anonymous caller down (fixed values, narrow CIDRs). */
function restricted(statement: Statement): boolean {
  return statement.conditions.some((c) => {
    const fixed = !c.operator.includes('Like') && !c.operator.startsWith('Not') && !c.operator.endsWith('IfExists') && c.values.every((v) => !v.includes('*') && !v.includes('?'));
    if (c.key === 'aws:sourceip') return c.operator === 'IpAddress' && c.values.length > 0 && c.values.every(cidrIsNarrow);
    if (c.key === 'aws:userid') return fixed && c.values.every((v) => !/^AROA[A-Z0-9]+:\*$/.test(v));
    return FIXING_KEYS.has(c.key) && fixed;
  });
}


export function policyExposures(policy: Policy, block: PublicAccessBlock): Exposure[] {
  const access = new Set<Access>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || !appliesToAnyone(statement) || restricted(statement)) continue;
    for (const [kind, probes] of Object.entries(POLICY_ACCESS) as [Access, readonly string[]][]) {
      if (probes.some((action) => coversAction(statement, action))) access.add(kind);
    }
  }
  if (access.size === 0) return [];
  return [{ via: 'policy', to: 'everyone (Principal *)', access: [...access], ...(block.restrictPublicBuckets ? { blockedBy: 'RestrictPublicBuckets' as const } : {}) }];
}

const SETTING_NAMES: Record<keyof PublicAccessBlock, string> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

/** The Block Public Access settings that are off (all four when there is no configuration). */
export function offSettings(block: PublicAccessBlock | null): string[] {
  return (Object.keys(SETTING_NAMES) as (keyof PublicAccessBlock)[]).filter((key) => !block?.[key]).map((key) => SETTING_NAMES[key]);
}

export function describeExposure(e: Exposure): string {
  return `its ${e.via} gives ${e.to} ${e.access.join(', ')}`;
}

/**
 * What the readable parts of the bucket's configuration expose, and what could not be read.
 * An unreadable account-level block only matters when the bucket's own settings leave something open.
 */
export function bucketExposures(bucket: S3Bucket, accountFact: Fact<PublicAccessBlock | null>) {
  const unread: string[] = [];
  const value = <T>(fact: Fact<T>): T | undefined => {
    if (fact.status === 'collected') return fact.value;
    unread.push(describeNotCollected(fact));
    return undefined;
  };
  const bucketBlock = value(bucket.publicAccessBlock) ?? null;
  const block = effectiveBlock(accountFact.status === 'collected' ? accountFact.value : null, bucketBlock);
  const exposures: Exposure[] = [];
  const acl = value(bucket.acl);
  if (acl) exposures.push(...aclExposures(acl.grants, block));
  const policyText = value(bucket.policy);
  if (policyText) {
    const parsed = parsePolicy(`policy of ${bucket.name}`, policyText);
    if (isPolicy(parsed)) exposures.push(...policyExposures(parsed, block));
    else unread.push(`the bucket policy is malformed: ${parsed.error}`);
  }
  if (accountFact.status !== 'collected' && exposures.some((e) => !e.blockedBy)) {
    // Open by the bucket's own settings; the account-level block, unread, might still close it.
    return { exposures: [], unread: [...unread, `public unless the account-level Block Public Access stops it, which ${describeNotCollected(accountFact)}`] };
  }
  return { exposures, unread };
}
