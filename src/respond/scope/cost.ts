/**
 * What the account costs: Cost Explorer's daily unblended cost by service, the last 14 days
 * against the 30 before, each as a per-day average (a miner shows as a service whose recent
 * average dwarfs its baseline). Cost Explorer answers in one region per partition and charges per
 * request, so it is one paginated query.
 */
import { attempt, emptyResult, type ReadContext, type ReadResult } from './reader.js';
import type { AccountInfo, Partition } from '../../inventory/schema.js';
import type { Cost } from '../scope.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const RECENT_DAYS = 14;
export const BASELINE_DAYS = 30;
export const COST_OPERATIONS = ['ce:GetCostAndUsage'];
const DAY = 86_400_000;
/** Cost Explorer's one endpoint in each partition (ce.us-east-1.amazonaws.com, ce.cn-northwest-1.amazonaws.com.cn). */
const COST_EXPLORER_REGION: Record<Partition, string> = { aws: 'us-east-1', 'aws-cn': 'cn-northwest-1', 'aws-us-gov': 'us-gov-west-1' };

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function readCost(context: Pick<ReadContext, 'aws'> & { readonly account: Pick<AccountInfo, 'partition'> }, now: Date): Promise<{ cost?: Cost } & ReadResult> {
  const { CostExplorerClient, GetCostAndUsageCommand } = awsSdk('ce');
  const region = COST_EXPLORER_REGION[context.account.partition];
  const client = context.aws.client('ce', region, CostExplorerClient);
  const result = emptyResult();
  // The end is exclusive: today, which is not over, is left out.
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const recentStart = end - RECENT_DAYS * DAY;
  const start = recentStart - BASELINE_DAYS * DAY;
  const cost = await attempt(result, ['cost'], region, 'ce:GetCostAndUsage', async () => {
    const totals = new Map<string, { recent: number; baseline: number }>();
    let currency = 'USD';
    const input = { TimePeriod: { Start: day(start), End: day(end) }, Granularity: 'DAILY' as const, Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }] };
    // Cost Explorer's SDK has no paginator for this call: NextPageToken by hand.
    let token: string | undefined;
    do {
      const page = await client.send(new GetCostAndUsageCommand({ ...input, ...(token ? { NextPageToken: token } : {}) }));
      token = page.NextPageToken;
      for (const period of page.ResultsByTime ?? []) {
        const t = Date.parse(`${period.TimePeriod?.Start ?? ''}T00:00:00Z`);
        if (Number.isNaN(t)) continue;
        for (const group of period.Groups ?? []) {
          const metric = group.Metrics?.UnblendedCost;
          const service = group.Keys?.[0] ?? 'unknown';
          const amount = Number(metric?.Amount ?? 0);
          if (metric?.Unit) currency = metric.Unit;
          const entry = totals.get(service) ?? { recent: 0, baseline: 0 };
          if (t >= recentStart) entry.recent += amount;
          else entry.baseline += amount;
          totals.set(service, entry);
        }
      }
    } while (token);
    const round = (n: number) => Math.round(n * 100) / 100;
    const byService = [...totals.entries()]
      .map(([service, t]) => ({ service, recentPerDay: round(t.recent / RECENT_DAYS), baselinePerDay: round(t.baseline / BASELINE_DAYS) }))
      .sort((a, b) => b.recentPerDay - a.recentPerDay || a.service.localeCompare(b.service));
    return { currency, recentDays: RECENT_DAYS, baselineDays: BASELINE_DAYS, byService } satisfies Cost;
  });
  return { ...result, ...(cost ? { cost } : {}) };
}
