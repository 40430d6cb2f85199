import type { GuardDutyRegion } from '../../inventory/schema.js';
import { collected } from '../../core/fact.js';
import { readFact, regionalCollector } from '../collector.js';
import { awsSdk } from '../../aws/sdk-modules.js';

const HIGH = { severity: { Gte: 7 }, 'service.archived': { Eq: ['false'] } };

/** The region's detectors, and its open high-severity findings: how many and of which types. */
export const guardDuty = regionalCollector({
  key: 'guardduty.regions',
  service: 'guardduty',
  operations: ['ListDetectors', 'GetDetector', 'ListFindings', 'GetFindings'],
  collect: async (aws, region): Promise<GuardDutyRegion> => {
    const sdk = awsSdk('guardduty');
    const client = aws.client('guardduty', region, sdk.GuardDutyClient);
    const { DetectorIds } = await client.send(new sdk.ListDetectorsCommand({}));
    const detectors = await Promise.all((DetectorIds ?? []).map(async (id) => ({ id, status: (await client.send(new sdk.GetDetectorCommand({ DetectorId: id }))).Status ?? 'UNKNOWN' })));
    const enabled = detectors.find((d) => d.status === 'ENABLED');
    if (!enabled) return { detectors, highSeverity: collected({ open: 0, topTypes: [] }) };
    // A read of its own: when it fails, the detector status above is still known.
    const highSeverity = await readFact('guardduty:ListFindings', async () => {
      const ids: string[] = [];
      for await (const page of sdk.paginateListFindings({ client, pageSize: 50 }, { DetectorId: enabled.id, FindingCriteria: { Criterion: HIGH }, SortCriteria: { AttributeName: 'severity', OrderBy: 'DESC' } })) {
        ids.push(...(page.FindingIds ?? []));
        if (ids.length >= 1000) break; // enough to say "1000+"; the types come from the worst 50
      }
      const { Findings } = ids.length ? await client.send(new sdk.GetFindingsCommand({ DetectorId: enabled.id, FindingIds: ids.slice(0, 50) })) : { Findings: [] };
      const byType = new Map<string, number>();
      for (const f of Findings ?? []) byType.set(f.Type ?? 'unknown', (byType.get(f.Type ?? 'unknown') ?? 0) + 1);
      return { open: ids.length, topTypes: [...byType].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([type]) => type) };
    });
    return { detectors, highSeverity };
  },
});
