/**
 * Organizations ListAccounts with join dates (JSON 1.1), in pages of MaxResults. Seeded with
 * `organizations: { accounts }`; seeded with `organizations: null`, the account is in none.
 */
import type { FakeResponse } from '../../fake-aws.js';
import type { StatefulService } from '../world.js';

export interface OrganizationsSeed {
  readonly accounts: readonly { id: string; name: string; joined: string; method: 'CREATED' | 'INVITED' }[];
}

const json = (body: object, status = 200): FakeResponse => ({ status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });

const service: StatefulService = {
  name: 'organizations',
  handle(request, world) {
    if (request.service !== 'organizations' || request.action !== 'ListAccounts') return undefined;
    const seed = world.section('organizations', (s) => s as OrganizationsSeed | null | undefined);
    if (seed === undefined) return undefined;
    if (world.isDenied('organizations:ListAccounts')) return json({ __type: 'AccessDeniedException', message: 'You don\'t have permissions to access this resource.' }, 400);
    if (seed === null) return json({ __type: 'AWSOrganizationsNotInUseException', message: 'Your account is not a member of an organization.' }, 400);
    const input = JSON.parse(request.body || '{}') as { MaxResults?: number; NextToken?: string };
    const max = input.MaxResults ?? 20;
    const from = Number(input.NextToken ?? 0);
    const accounts = seed.accounts.slice(from, from + max).map((a) => ({ Id: a.id, Arn: `arn:aws:organizations::${world.account}:account/o-example/${a.id}`, Name: a.name, Email: `${a.id}@example.com`, Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: a.method, JoinedTimestamp: Date.parse(a.joined) / 1000 }));
    return json({ Accounts: accounts, ...(from + max < seed.accounts.length ? { NextToken: String(from + max) } : {}) });
  },
};
export default service;
