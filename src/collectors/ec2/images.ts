import type { Image } from '@aws-sdk/client-ec2';
import type { Ec2Image, SharedSnapshot } from '../../inventory/schema.js';
import { dependency, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

function toImage(image: Image): Ec2Image {
  return {
    imageId: image.ImageId ?? '',
    ...(image.Name ? { name: image.Name } : {}),
    ...(image.OwnerId ? { ownerId: image.OwnerId } : {}),
    ...(image.CreationDate ? { createdAt: new Date(image.CreationDate).toISOString() } : {}),
    ...(image.DeprecationTime ? { deprecatedAt: new Date(image.DeprecationTime).toISOString() } : {}),
    public: image.Public ?? false,
  };
}

/** Snapshots anyone can restore, found with one filtered listing per region (no per-snapshot attribute calls). */
export const publicSnapshots = regionalCollector({
  key: 'ec2.publicSnapshots',
  service: 'ec2',
  operations: ['DescribeSnapshots'],
  collect: async (aws, region): Promise<SharedSnapshot[]> => {
    const { EC2Client, paginateDescribeSnapshots } = awsSdk('ec2');
    const client = aws.client('ec2', region, EC2Client);
    const found: SharedSnapshot[] = [];
    for await (const page of paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ['self'], RestorableByUserIds: ['all'] })) {
      for (const s of page.Snapshots ?? []) {
        found.push({
          id: s.SnapshotId ?? '',
          ...(s.StartTime ? { createdAt: s.StartTime.toISOString() } : {}),
          ...(s.VolumeSize !== undefined ? { sizeGiB: s.VolumeSize } : {}),
          ...(s.Encrypted !== undefined ? { encrypted: s.Encrypted } : {}),
          ...(s.Description ? { description: s.Description } : {}),
        });
      }
    }
    return found;
  },
});

/** AMIs of the account that are public, with one filtered call per region. */
export const publicImages = regionalCollector({
  key: 'ec2.publicImages',
  service: 'ec2',
  operations: ['DescribeImages'],
  collect: async (aws, region) => {
    const { EC2Client, DescribeImagesCommand } = awsSdk('ec2');
    const { Images } = await aws.client('ec2', region, EC2Client).send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'is-public', Values: ['true'] }] }));
    return (Images ?? []).map(toImage);
  },
});

/**
 * The images the region's instances run, looked up once per unique id in chunks of 200 with an
 * image-id filter (a filter, unlike ImageIds, does not fail the call when one image is gone).
 */
export const instanceImages = regionalCollector({
  key: 'ec2.instanceImages',
  service: 'ec2',
  operations: ['DescribeImages'],
  after: ['ec2.instances'],
  collect: async (aws, region, _account, inventory) => {
    const instances = dependency(inventory.ec2.instances?.[region], 'ec2:DescribeInstances');
    const ids = [...new Set(instances.map((i) => i.imageId).filter(Boolean))].sort();
    const { EC2Client, DescribeImagesCommand } = awsSdk('ec2');
    const client = aws.client('ec2', region, EC2Client);
    const images: Ec2Image[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const { Images } = await client.send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: ids.slice(i, i + 200) }], IncludeDeprecated: true }));
      images.push(...(Images ?? []).map(toImage));
    }
    return images;
  },
});
