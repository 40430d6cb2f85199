/**
 * Snapshots and AMIs of the account in one region made since T, or shared since T (an old
 * snapshot made public is as much a leak as a new one), each with whom it is shared now. Sharing
 * is read per candidate only: the region's other snapshots are never asked about.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ScopeItem } from '../scope.js';
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const sharingReader: ScopeReader = {
  name: 'ec2 snapshots and images',
  scope: 'regional',
  operations: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute', 'ec2:DescribeImages', 'ec2:DescribeImageAttribute'],
  read: readSharing,
};

interface Permission {
  readonly Group?: string | undefined;
  readonly UserId?: string | undefined;
  readonly OrganizationArn?: string | undefined;
  readonly OrganizationalUnitArn?: string | undefined;
}

/** Public and foreign sharing, in words and as the containment plan needs it. */
export function sharingOf(permissions: readonly Permission[], account: string): { notes: string[]; detail: ScopeItem['detail'] } {
  const isPublic = permissions.some((p) => p.Group === 'all');
  const accounts = permissions.flatMap((p) => (p.UserId ? [p.UserId] : []));
  const orgs = permissions.flatMap((p) => p.OrganizationArn ?? p.OrganizationalUnitArn ?? []);
  const foreign = accounts.filter((a) => a !== account);
  const notes = [...(isPublic ? ['shared publicly (group all)'] : []), ...foreign.map((a) => `shared with foreign account ${a}`), ...orgs.map((o) => `shared with ${o}`)];
  return { notes, detail: { public: isPublic, sharedWith: accounts, ...(orgs.length ? { sharedWithOrganizations: orgs } : {}) } };
}

async function readSharing(context: ReadContext): Promise<ReadResult> {
  const { EC2Client } = awsSdk('ec2');
  const client = context.aws.client('ec2', context.region, EC2Client);
  const result = emptyResult();
  const provenance = await context.provenance();
  const sharedSince = (name: string, key: string) => new Map(provenance.events([name], context.region).flatMap((r) => {
    const id = (r.requestParameters as Record<string, unknown> | undefined)?.[key];
    return typeof id === 'string' ? [[id, new Date(Date.parse(r.eventTime as string)).toISOString()] as const] : [];
  }));
  await Promise.all([snapshots(client, context, result, sharedSince('ModifySnapshotAttribute', 'snapshotId')), images(client, context, result, sharedSince('ModifyImageAttribute', 'imageId'))]);
  return result;
}

async function snapshots(client: EC2Client, context: ReadContext, result: ReadResult, shared: ReadonlyMap<string, string>): Promise<void> {
  const { paginateDescribeSnapshots, DescribeSnapshotAttributeCommand } = awsSdk('ec2');
  const { region, account } = context;
  const candidates: { id: string; createdAt: string; made: boolean; volumeId: string; size: number }[] = [];
  await attempt(result, ['ec2-snapshot'], region, 'ec2:DescribeSnapshots', async () => {
    for await (const page of paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ['self'] })) {
      for (const s of page.Snapshots ?? []) {
        const created = isoOf(s.StartTime);
        if (!s.SnapshotId) continue;
        const made = isNew(created, context.since);
        const sharedAt = shared.get(s.SnapshotId);
        if (made || sharedAt) candidates.push({ id: s.SnapshotId, createdAt: made ? created : sharedAt!, made, volumeId: s.VolumeId ?? '', size: s.VolumeSize ?? 0 });
      }
    }
  });
  await Promise.all(
    candidates.map(async (c) => {
      const permissions = await attempt(result, ['ec2-snapshot'], region, 'ec2:DescribeSnapshotAttribute', async () => (await client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: c.id, Attribute: 'createVolumePermission' }))).CreateVolumePermissions ?? []);
      const sharing = permissions ? sharingOf(permissions, account.id) : { notes: ['sharing could not be read'], detail: {} };
      // An old snapshot matters here only while it is still shared.
      if (!c.made && permissions && !sharing.notes.length) return;
      const notes = [...(c.made ? [] : ['existed before T; shared since']), ...sharing.notes];
      result.items.push(item({ kind: 'ec2-snapshot', id: c.id, arn: `arn:${account.partition}:ec2:${region}::snapshot/${c.id}`, region, createdAt: c.createdAt, notes, detail: { volumeId: c.volumeId, volumeSize: c.size, ...sharing.detail } }));
    }),
  );
}

async function images(client: EC2Client, context: ReadContext, result: ReadResult, shared: ReadonlyMap<string, string>): Promise<void> {
  const { paginateDescribeImages, DescribeImageAttributeCommand } = awsSdk('ec2');
  const { region, account } = context;
  const candidates: { id: string; createdAt: string; made: boolean; name: string; snapshotIds: string[] }[] = [];
  await attempt(result, ['ec2-image'], region, 'ec2:DescribeImages', async () => {
    for await (const page of paginateDescribeImages({ client, pageSize: 1000 }, { Owners: ['self'] })) {
      for (const i of page.Images ?? []) {
        const created = isoOf(i.CreationDate);
        if (!i.ImageId) continue;
        const made = isNew(created, context.since);
        const sharedAt = shared.get(i.ImageId);
        const snapshotIds = (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
        if (made || sharedAt) candidates.push({ id: i.ImageId, createdAt: made ? created : sharedAt!, made, name: i.Name ?? '', snapshotIds });
      }
    }
  });
  await Promise.all(
    candidates.map(async (c) => {
      const permissions = await attempt(result, ['ec2-image'], region, 'ec2:DescribeImageAttribute', async () => (await client.send(new DescribeImageAttributeCommand({ ImageId: c.id, Attribute: 'launchPermission' }))).LaunchPermissions ?? []);
      const sharing = permissions ? sharingOf(permissions, account.id) : { notes: ['sharing could not be read'], detail: {} };
      if (!c.made && permissions && !sharing.notes.length) return;
      const notes = [...(c.made ? [] : ['existed before T; shared since']), ...sharing.notes];
      result.items.push(item({ kind: 'ec2-image', id: c.id, arn: `arn:${account.partition}:ec2:${region}::image/${c.id}`, region, createdAt: c.createdAt, notes, detail: { name: c.name, snapshotIds: c.snapshotIds, ...sharing.detail } }));
    }),
  );
}
