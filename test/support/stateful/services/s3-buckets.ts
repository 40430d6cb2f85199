/** S3 ListBuckets: the account's buckets (names only; none by default). Per-bucket reads belong in their own file. */
import type { StatefulService } from '../world.js';

export interface S3Seed {
  readonly buckets: readonly { name: string; region: string }[];
}

const s3: StatefulService = {
  name: 's3-buckets',
  handle(request, world) {
    if (request.service !== 's3' || request.method !== 'GET' || !/^\/(\?.*)?$/.test(request.path)) return undefined;
    const { buckets } = world.section('s3', (seed) => ({ buckets: [...((seed as S3Seed | undefined)?.buckets ?? [])] }));
    const items = buckets.map((b) => `<Bucket><Name>${b.name}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`).join('');
    return { body: `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner><Buckets>${items}</Buckets></ListAllMyBucketsResult>` };
  },
};
export default s3;
