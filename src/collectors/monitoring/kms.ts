import type { KmsKey } from '../../inventory/schema.js';
import { readEach, readFact, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

/** Keys of a region with their manager and spec; rotation is read only where it can apply. */
export const kmsKeys = regionalCollector({
  key: 'kms.keys',
  service: 'kms',
  operations: ['ListKeys', 'DescribeKey', 'GetKeyRotationStatus'],
  collect: async (aws, region): Promise<KmsKey[]> => {
    const sdk = awsSdk('kms');
    const client = aws.client('kms', region, sdk.KMSClient);
    const ids: string[] = [];
    for await (const page of sdk.paginateListKeys({ client, pageSize: 1000 }, {})) ids.push(...(page.Keys ?? []).flatMap((k) => (k.KeyId ? [k.KeyId] : [])));
    return readEach(
      ids,
      async (id): Promise<KmsKey> => {
        const { KeyMetadata: m } = await client.send(new sdk.DescribeKeyCommand({ KeyId: id }));
        const key: KmsKey = { id, arn: m?.Arn ?? id, manager: m?.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER', state: m?.KeyState ?? 'Unknown', spec: m?.KeySpec ?? 'SYMMETRIC_DEFAULT' };
        if (key.manager !== 'CUSTOMER' || key.state !== 'Enabled' || key.spec !== 'SYMMETRIC_DEFAULT' || m?.Origin === 'EXTERNAL') return key;
        const rotation = await readFact('kms:GetKeyRotationStatus', async () => (await client.send(new sdk.GetKeyRotationStatusCommand({ KeyId: id }))).KeyRotationEnabled ?? false);
        return { ...key, rotation };
      },
      aws.concurrency,
    );
  },
});
