/**
 * Cost Explorer GetCostAndUsage over a scripted daily cost by service: DAILY granularity, grouped
 * by SERVICE, the end day excluded as AWS does, ten days a page. Answers only when `costExplorer` is seeded.
 */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface CostSeed {
  /** One line per day and service. */
  readonly daily: readonly { date: string; service: string; amount: number }[];
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });
const PAGE_DAYS = 10;
const DAY = 86_400_000;

const service: StatefulService = {
  name: 'cost-explorer',
  handle(request, world) {
    if (request.service !== 'ce') return undefined;
    const seed = world.section('costExplorer', (s) => s as CostSeed | undefined);
    if (!seed || request.action !== 'GetCostAndUsage') return undefined;
    if (world.isDenied('ce:GetCostAndUsage')) return json({ __type: 'AccessDeniedException', message: 'not authorized to perform: ce:GetCostAndUsage' }, 400);
    const input = JSON.parse(request.body || '{}') as { TimePeriod: { Start: string; End: string }; Granularity: string; GroupBy?: { Type: string; Key: string }[]; NextPageToken?: string };
    if (input.Granularity !== 'DAILY' || input.GroupBy?.[0]?.Key !== 'SERVICE') return json({ __type: 'ValidationException', message: 'the look-alike answers DAILY by SERVICE only' }, 400);
    const start = Date.parse(`${input.TimePeriod.Start}T00:00:00Z`);
    const end = Date.parse(`${input.TimePeriod.End}T00:00:00Z`);
    const from = start + Number(input.NextPageToken ?? 0) * DAY;
    const to = Math.min(end, from + PAGE_DAYS * DAY);
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    const results = [];
    for (let t = from; t < to; t += DAY) {
      const groups = seed.daily.filter((d) => d.date === day(t)).map((d) => ({ Keys: [d.service], Metrics: { UnblendedCost: { Amount: d.amount.toFixed(4), Unit: 'USD' } } }));
      results.push({ TimePeriod: { Start: day(t), End: day(t + DAY) }, Total: {}, Groups: groups, Estimated: false });
    }
    const next = to < end ? String(Math.round((to - start) / DAY)) : undefined;
    return json({ GroupDefinitions: input.GroupBy, ResultsByTime: results, DimensionValueAttributes: [], ...(next ? { NextPageToken: next } : {}) });
  },
};
export default service;
