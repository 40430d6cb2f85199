/** Builders for respond scopes: what a suspect made, as `respond` reads it, for containment tests. */
import { SCOPE_SCHEMA_VERSION, type Scope, type ScopeItem } from '../respond/scope.js';

export const SCOPE_ACCOUNT = '123456789012';

/** One thing the suspect made, global and unremarkable unless `extra` says otherwise. */
export const scopeItem = (kind: ScopeItem['kind'], id: string, extra: Partial<ScopeItem> = {}): ScopeItem => ({ kind, id, region: 'global', createdAt: '2026-11-21T08:00:00Z', notes: [], detail: {}, ...extra });

/** A live scope of `items` read in eu-west-1 from 07:00 on 2026-11-21, with no suspect unless given. */
export function scopeOf(items: ScopeItem[], suspect: Partial<Scope['suspect']> = {}, readAt = '2026-11-21T09:59:00Z'): Scope {
  return {
    kind: 'bulwark-respond-scope',
    schemaVersion: SCOPE_SCHEMA_VERSION,
    generator: { name: 'bulwark', version: '0.0.0' },
    account: { id: SCOPE_ACCOUNT, partition: 'aws' },
    source: 'live',
    since: '2026-11-21T07:00:00Z',
    readAt,
    regions: ['eu-west-1'],
    suspect: { accessKeys: [], principals: [], ...suspect },
    activity: { source: 'lookup', events: 0, byAction: [], alerts: [] },
    items,
    unreadable: [],
  };
}
