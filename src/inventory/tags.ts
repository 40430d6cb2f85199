import type { Inventory } from './schema.js';
import { describeBucket, describeInstance, describeSecurityGroup } from './resources.js';

export type TagIndex = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * The tags of every resource that the inventory holds them for, by the id findings name it with.
 * The engine puts them on findings, so suppressions can match by tag without checks knowing.
 */
export function tagIndex(inventory: Inventory): TagIndex {
  const index = new Map<string, Readonly<Record<string, string>>>();
  const add = (id: string, tags: Readonly<Record<string, string>> | undefined) => {
    if (tags && Object.keys(tags).length) index.set(id, tags);
  };
  const { account } = inventory;
  const authorization = inventory.iam.authorization;
  if (authorization?.status === 'collected') {
    for (const user of authorization.value.users) add(user.arn, user.tags);
    for (const role of authorization.value.roles) add(role.arn, role.tags);
  }
  const buckets = inventory.s3.bucketTags;
  if (buckets?.status === 'collected') for (const [name, tags] of Object.entries(buckets.value)) add(describeBucket({ bucket: { name } }, { account }).id, tags);
  for (const [region, fact] of Object.entries(inventory.ec2.instances ?? {})) {
    if (fact.status === 'collected') for (const instance of fact.value) add(describeInstance(instance, { account, region }).id, instance.tags);
  }
  for (const [region, fact] of Object.entries(inventory.ec2.securityGroups ?? {})) {
    if (fact.status === 'collected') for (const group of fact.value) add(describeSecurityGroup(group, { account, region }).id, group.tags);
  }
  return index;
}
