/** Views of the inventory that checks iterate over, with "not collected" carried through. */
import type { ResourceSet } from '../core/check.js';
import { collected, mapFact, notInInventory, type Fact, type NotCollected } from '../core/fact.js';
import type { AccessKeyState, CredentialReportRow, Ec2Instance, Ec2KeyPair, Ec2SecurityGroup, Inventory, RootSummary } from './schema.js';

export const ROOT_USER = '<root_account>';

function credentialReport(inventory: Inventory): Fact<CredentialReportRow[]> {
  return inventory.iam.credentialReport ?? notInInventory('iam:GetCredentialReport');
}

/** Why a row of the credential report could not be read, as the fact its findings are UNKNOWN for. */
function unreadableRow(row: CredentialReportRow): NotCollected {
  return { status: 'not-collected', kind: 'error', operation: 'iam:GetCredentialReport', errorCode: 'UnreadableRow', message: `its credential report row could not be parsed (${row.unreadable ?? 'unknown reason'})` };
}

/**
 * The users of the credential report (root excluded) in one set, as `view` turns them into
 * resources; each user whose row could not be parsed gets a set of its own that is UNKNOWN.
 */
function reportUsers<R>(inventory: Inventory, view: (rows: CredentialReportRow[]) => R[]): ResourceSet<R>[] {
  const report = credentialReport(inventory);
  if (report.status !== 'collected') return [{ region: 'global', items: report }];
  const users = report.value.filter((row) => row.user !== ROOT_USER);
  const unreadable = users.filter((row) => row.unreadable);
  return [
    { region: 'global', items: collected(view(users.filter((row) => !row.unreadable))) },
    ...unreadable.map((row) => ({ region: 'global', items: unreadableRow(row), subject: describeUser(row) })),
  ];
}

/**
 * What is known of the root user's credentials, from the best source there is: the credential
 * report's root row; without one, GetAccountSummary's counts. `centrallyManaged` says the
 * organisation manages this member's root credentials and it has none: nothing to steal or use.
 */
export interface RootCredentials {
  readonly row?: CredentialReportRow;
  readonly summary?: RootSummary;
  readonly centrallyManaged: boolean;
}

/** The root user as one resource; with neither a root row nor the summary, "could not tell", never a pass. */
export function rootUser(inventory: Inventory): ResourceSet<RootCredentials>[] {
  const report = credentialReport(inventory);
  const summary = inventory.iam.rootSummary?.status === 'collected' ? inventory.iam.rootSummary.value : undefined;
  const root = report.status === 'collected' ? report.value.find((row) => row.user === ROOT_USER) : undefined;
  const centrallyManaged = managedByOrganization(inventory, summary, root);
  // A member with no root password or key may be managed centrally, which only the management
  // account can read: without that reading its root verdicts would be guesses.
  const unknownFeature = inventory.iam.rootCredentialsManagement;
  if (!centrallyManaged && unknownFeature?.status === 'not-collected' && isMember(inventory) && summary?.passwordPresent === false && !summary.accessKeysPresent) {
    return [{ region: 'global', items: { ...unknownFeature, message: `${unknownFeature.message}; a member account without a root password may have its root credentials managed by the organisation, which only the management account can tell (scan it, or scan --org from it)` } }];
  }
  if (centrallyManaged || (root && !root.unreadable)) return [{ region: 'global', items: collected([{ ...(root && !root.unreadable ? { row: root } : {}), ...(summary ? { summary } : {}), centrallyManaged }]) }];
  if (summary) return [{ region: 'global', items: collected([{ summary, centrallyManaged }]) }];
  let reason: NotCollected;
  if (report.status !== 'collected') reason = report;
  else if (root?.unreadable) reason = unreadableRow(root);
  else reason = { status: 'not-collected', kind: 'error', operation: 'iam:GetCredentialReport', errorCode: 'NoRootRow', message: `the credential report has no ${ROOT_USER} row and GetAccountSummary could not be read` };
  return [{ region: 'global', items: reason }];
}

/** A member account whose organisation manages root credentials centrally, with no root password or key left. */
function managedByOrganization(inventory: Inventory, summary: RootSummary | undefined, row: CredentialReportRow | undefined): boolean {
  const member = isMember(inventory);
  const enabled = inventory.iam.rootCredentialsManagement?.status === 'collected' && inventory.iam.rootCredentialsManagement.value;
  const keyInReport = row?.accessKeys.some((k) => k.active) ?? false;
  return Boolean(member && enabled && summary && summary.passwordPresent === false && !summary.accessKeysPresent && !keyInReport);
}

function isMember(inventory: Inventory): boolean {
  const organization = inventory.organizations.organization;
  return organization?.status === 'collected' && organization.value !== null && organization.value.managementAccountId !== inventory.account.id;
}

/** Why the root user's credentials are nobody's to steal, for the PASS of every root check. */
export const CENTRALLY_MANAGED = "The organisation manages this member account's root credentials centrally and it has none (no password, no access key): root cannot sign in";

export function describeRoot(_root: RootCredentials, { account }: { account: Inventory['account'] }) {
  return { id: `arn:${account.partition}:iam::${account.id}:root`, type: 'AwsAccount', name: 'root' };
}

export function describeUser(row: CredentialReportRow) {
  return { id: row.arn, type: 'AwsIamUser', name: row.user };
}

/** Gives each resource the other facts a check reads about it (each may be not collected: use `need`). */
export function attach<R, E extends object>(sets: readonly ResourceSet<R>[], extra: E): ResourceSet<{ item: R } & E>[] {
  return sets.map((set) => ({ region: set.region, items: mapFact(set.items, (items) => items.map((item) => ({ item, ...extra }))) }));
}

/** The account itself, for account-wide settings; the check reads its facts with `need`. */
export function theAccount(inventory: Inventory): ResourceSet<Inventory['account']>[] {
  return [{ region: 'global', items: collected([inventory.account]) }];
}

export function describeAccount(account: Inventory['account']) {
  return { id: `AWS::::Account:${account.id}`, type: 'AwsAccount', name: account.id };
}

export function describeBucket({ bucket }: { bucket: { name: string } }, { account }: { account: Inventory['account'] }) {
  return { id: `arn:${account.partition}:s3:::${bucket.name}`, type: 'AwsS3Bucket', name: bucket.name };
}

/** Every bucket with the account-level Block Public Access it is judged under, in the bucket's own region. */
export function bucketsWithAccountBlock(inventory: Inventory) {
  const account = inventory.s3.accountPublicAccessBlock ?? notInInventory('s3control:GetPublicAccessBlock');
  const buckets = inventory.s3.buckets ?? notInInventory('s3:ListBuckets');
  // The bucket list is one read for the account: when it fails, the one UNKNOWN is account-wide.
  if (buckets.status !== 'collected') return [{ region: 'global', items: buckets }];
  const byRegion = new Map<string, { bucket: (typeof buckets.value)[number]; account: typeof account }[]>();
  for (const bucket of buckets.value) {
    const list = byRegion.get(bucket.region) ?? [];
    list.push({ bucket, account });
    byRegion.set(bucket.region, list);
  }
  return [...byRegion].map(([region, items]) => ({ region, items: collected(items) }));
}

/** Every IAM user of the credential report, root excluded. */
export function iamUsers(inventory: Inventory): ResourceSet<CredentialReportRow>[] {
  return reportUsers(inventory, (rows) => rows);
}

export interface AccessKeySlot {
  readonly user: CredentialReportRow;
  /** The credential report's key column (1 or 2); it has no key ids. */
  readonly slot: 1 | 2;
  readonly key: CredentialReportRow['accessKeys'][number];
}

/** Every active access key of an IAM user (root's keys are AS-03's business). */
export function activeAccessKeys(inventory: Inventory): ResourceSet<AccessKeySlot>[] {
  return reportUsers(inventory, (rows) => rows.flatMap((user) => user.accessKeys.flatMap((key, i) => (isActiveNow(inventory, user, (i + 1) as 1 | 2) ? [{ user, slot: (i + 1) as 1 | 2, key }] : []))));
}

export interface UserKeys {
  readonly user: CredentialReportRow;
  /** The slots active now (see isActiveNow). */
  readonly active: readonly AccessKeySlot[];
}

/** Every IAM user (root excluded) with their active access keys. */
export function usersWithActiveKeys(inventory: Inventory): ResourceSet<UserKeys>[] {
  return iamUsers(inventory).map((set) => ({
    region: set.region,
    items: mapFact(set.items, (rows) =>
      rows.map((user) => ({ user, active: user.accessKeys.flatMap((key, i) => (isActiveNow(inventory, user, (i + 1) as 1 | 2) ? [{ user, slot: (i + 1) as 1 | 2, key }] : [])) })),
    ),
  }));
}

/**
 * The key a credential-report slot names, as ListAccessKeys saw it (when the inventory holds it):
 * matched by creation time, else by order of creation, which is the report's column order.
 */
export function liveAccessKey(inventory: Inventory, user: CredentialReportRow, slot: 1 | 2): AccessKeyState | undefined {
  const fact = inventory.iam.accessKeys;
  const keys = fact?.status === 'collected' ? fact.value[user.user] : undefined;
  if (!keys?.length) return undefined;
  const created = user.accessKeys[slot - 1]?.lastRotated;
  const second = (iso: string | null | undefined) => (iso ? Math.floor(Date.parse(iso) / 1000) : NaN);
  const byTime = keys.find((key) => second(key.createdAt) === second(created));
  if (byTime) return byTime;
  const ordered = [...keys].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  return keys.length === 2 ? ordered[slot - 1] : undefined;
}

/** Active per the credential report, unless ListAccessKeys (read later, live) says the key is now inactive. */
export function isActiveNow(inventory: Inventory, user: CredentialReportRow, slot: 1 | 2): boolean {
  if (!user.accessKeys[slot - 1]?.active) return false;
  return liveAccessKey(inventory, user, slot)?.active ?? true;
}

export function describeAccessKey({ user, slot }: AccessKeySlot) {
  return { id: `${user.arn}/access-key-${slot}`, type: 'AwsIamAccessKey', name: `${user.user} access key ${slot}` };
}

/** A regional map as one resource set per scanned region; a region with no entry was not collected. */
export function perRegion<T>(inventory: Inventory, map: Record<string, Fact<T[]>> | undefined, operation: string): ResourceSet<T>[] {
  return inventory.regions.scanned.map((region) => ({ region, items: map?.[region] ?? notInInventory(operation) }));
}

/** A per-region state (one value, not a list) as one resource per scanned region. */
export function regionStates<T>(inventory: Inventory, map: Record<string, Fact<T>> | undefined, operation: string): ResourceSet<T>[] {
  return inventory.regions.scanned.map((region) => ({ region, items: mapFact(map?.[region] ?? notInInventory(operation), (state) => [state]) }));
}

export function securityGroups(inventory: Inventory): ResourceSet<Ec2SecurityGroup>[] {
  return perRegion(inventory, inventory.ec2.securityGroups, 'ec2:DescribeSecurityGroups');
}

export function describeSecurityGroup(group: Ec2SecurityGroup, { account, region }: { account: Inventory['account']; region: string }) {
  return { id: `arn:${account.partition}:ec2:${region}:${group.ownerId}:security-group/${group.groupId}`, type: 'AwsEc2SecurityGroup', name: `${group.groupId} (${group.groupName})` };
}

/** Each group of a region with the region's instances, to name the ones a group exposes. */
export function securityGroupsWithInstances(inventory: Inventory) {
  return securityGroups(inventory).map((set) => ({
    region: set.region,
    items: mapFact(set.items, (groups) => groups.map((group) => ({ group, instances: inventory.ec2.instances?.[set.region] }))),
  }));
}

/** `; reachable on i-1 (203.0.113.4), …` for running public instances in the group, when instances were read. */
export function reachableThrough(group: Ec2SecurityGroup, instances: Fact<Ec2Instance[]> | undefined): string {
  if (instances?.status !== 'collected') return '';
  const exposed = instances.value.filter((i) => i.state === 'running' && i.publicIp && i.securityGroupIds.includes(group.groupId));
  return exposed.length ? `; reachable on ${exposed.map((i) => `${i.instanceId} (${i.publicIp})`).join(', ')}` : '';
}

export function instances(inventory: Inventory): ResourceSet<Ec2Instance>[] {
  return perRegion(inventory, inventory.ec2.instances, 'ec2:DescribeInstances');
}

export function keyPairs(inventory: Inventory): ResourceSet<Ec2KeyPair>[] {
  return perRegion(inventory, inventory.ec2.keyPairs, 'ec2:DescribeKeyPairs');
}

/**
 * Per region, the listed items (public snapshots, say), or one empty entry when there are none,
 * so a clean region shows as a visible PASS instead of no finding at all.
 */
export function listedOrNone<T>(inventory: Inventory, map: Record<string, Fact<T[]>> | undefined, operation: string): ResourceSet<{ item?: T }>[] {
  return perRegion(inventory, map, operation).map((set) => ({ region: set.region, items: mapFact(set.items, (items) => (items.length ? items.map((item) => ({ item })) : [{}])) }));
}

export function describeRegion({ account, region }: { account: Inventory['account']; region: string }) {
  return { id: `AWS::::Account:${account.id}`, type: 'AwsAccount', name: `${account.id} in ${region}` };
}

export function describeInstance(instance: Ec2Instance, { account, region }: { account: Inventory['account']; region: string }) {
  return {
    id: `arn:${account.partition}:ec2:${region}:${account.id}:instance/${instance.instanceId}`,
    type: 'AwsEc2Instance',
    name: instance.name ? `${instance.instanceId} (${instance.name})` : instance.instanceId,
  };
}
