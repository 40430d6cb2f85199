/**
 * Lambda functions and layer versions by region (REST-JSON: ListFunctions, ListLayers,
 * ListLayerVersions), in pages of MaxItems with an offset Marker. Answers only when `lambda` is seeded.
 */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface LambdaSeed {
  readonly regions: Readonly<Record<string, { functions?: { name: string; runtime: string; role: string; lastModified: string }[]; layers?: { name: string; versions: { version: number; created: string }[] }[] }>>;
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

function page<T>(items: readonly T[], query: URLSearchParams): { items: readonly T[]; next?: string } {
  const max = Number(query.get('MaxItems')) || 50;
  const from = Number(query.get('Marker') ?? 0);
  return { items: items.slice(from, from + max), ...(from + max < items.length ? { next: String(from + max) } : {}) };
}

const service: StatefulService = {
  name: 'lambda',
  handle(request, world) {
    if (request.service !== 'lambda' || request.method !== 'GET') return undefined;
    const seed = world.section('lambda', (s) => s as LambdaSeed | undefined);
    if (!seed) return undefined;
    const url = new URL(request.path, 'http://fake');
    const region = seed.regions[request.region] ?? {};
    const arn = (kind: string, name: string) => `arn:aws:lambda:${request.region}:${world.account}:${kind}:${name}`;
    const deny = (action: string) => (world.isDenied(action) ? json({ __type: 'AccessDeniedException', message: `not authorized to perform: ${action}` }, 403) : undefined);
    if (/^\/2015-03-31\/functions\/?$/.test(url.pathname)) {
      const { items, next } = page(region.functions ?? [], url.searchParams);
      const functions = items.map((f) => ({ FunctionName: f.name, FunctionArn: arn('function', f.name), Runtime: f.runtime, Role: f.role, LastModified: f.lastModified.replace(/Z$/, '+0000') }));
      return deny('lambda:ListFunctions') ?? json({ Functions: functions, ...(next ? { NextMarker: next } : {}) });
    }
    if (/^\/2018-10-31\/layers\/?$/.test(url.pathname)) {
      const { items, next } = page(region.layers ?? [], url.searchParams);
      const layers = items.map((l) => ({ LayerName: l.name, LayerArn: arn('layer', l.name), LatestMatchingVersion: { Version: l.versions.at(-1)?.version ?? 1 } }));
      return deny('lambda:ListLayers') ?? json({ Layers: layers, ...(next ? { NextMarker: next } : {}) });
    }
    const versions = /^\/2018-10-31\/layers\/([^/]+)\/versions\/?$/.exec(url.pathname);
    if (versions) {
      const name = decodeURIComponent(versions[1] ?? '');
      const layer = (region.layers ?? []).find((l) => l.name === name);
      if (!layer) return json({ __type: 'ResourceNotFoundException', message: `Layer ${name} not found` }, 404);
      const { items, next } = page(layer.versions, url.searchParams);
      const list = items.map((v) => ({ LayerVersionArn: `${arn('layer', name)}:${v.version}`, Version: v.version, CreatedDate: v.created.replace(/Z$/, '+0000') }));
      return deny('lambda:ListLayerVersions') ?? json({ LayerVersions: list, ...(next ? { NextMarker: next } : {}) });
    }
    return undefined;
  },
};
export default service;
