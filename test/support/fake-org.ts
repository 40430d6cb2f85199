/**
 * An AWS organisation behind one fake endpoint: Organizations ListAccounts for the management
 * account, STS AssumeRole into each member (checking the role exists and the external id), and a
 * simulated account per id. Credentials carry their account in the access key id (`AKIA` or
 * `ASIA` + 12 digits), so every later request is answered from that account's own state.
 */
import { queryError, queryResult, type FakeHandler } from './fake-aws.js';
import { simulatedAccount, type SimulatedAccount } from './simulated-account.js';

export interface FakeMember {
  readonly id: string;
  readonly name: string;
  readonly state?: 'ACTIVE' | 'SUSPENDED' | 'CLOSED' | 'PENDING_CLOSURE';
  /** No member role to assume (a newly joined account). */
  readonly noRole?: boolean;
  readonly shape?: Partial<SimulatedAccount>;
}

export interface FakeOrg {
  readonly management: string;
  readonly members: readonly FakeMember[];
  readonly roleName?: string;
  readonly externalId?: string;
  /** Accounts per ListAccounts page (AWS: at most 20). */
  readonly pageSize?: number;
}

const STS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const SMALL: SimulatedAccount = { regions: ['us-east-1', 'eu-west-1'], users: 3, groupsPerRegion: 2, instancesPerRegion: 1, buckets: 2 };

/** The caller's key for the management account. */
export const managementKey = (account: string) => `AKIA${account}FAKE`;

export function fakeOrg(org: FakeOrg): FakeHandler {
  const role = org.roleName ?? 'BulwarkAudit';
  const all: FakeMember[] = [{ id: org.management, name: 'management' }, ...org.members];
  const accounts = new Map(all.map((m) => [m.id, { member: m, handler: simulatedAccount({ ...SMALL, ...m.shape, account: m.id }) }]));
  const pageSize = org.pageSize ?? 20;
  const json = (body: object) => ({ contentType: 'application/x-amz-json-1.1', body: JSON.stringify(body) });

  return (request) => {
    const key = /Credential=([A-Z0-9]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    const caller = /^(?:AKIA|ASIA)(\d{12})/.exec(key)?.[1];
    const account = caller ? accounts.get(caller) : undefined;
    if (!account) return queryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

    if (request.service === 'sts' && request.action === 'AssumeRole') {
      const arn = request.params.get('RoleArn') ?? '';
      const target = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(arn);
      const member = target ? accounts.get(target[1]!)?.member : undefined;
      const denied = () => queryError(403, 'AccessDenied', `User: arn:aws:iam::${caller}:user/auditor is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
      if (!member || member.noRole || target![2] !== role) return denied();
      if (org.externalId && request.params.get('ExternalId') !== org.externalId) return denied();
      return queryResult(
        'AssumeRole',
        `<Credentials><AccessKeyId>ASIA${member.id}FAKE</AccessKeyId><SecretAccessKey>fake-secret</SecretAccessKey><SessionToken>fake-session-${member.id}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:bulwark-org-scan</AssumedRoleId><Arn>arn:aws:sts::${member.id}:assumed-role/${role}/bulwark-org-scan</Arn></AssumedRoleUser>`,
        STS,
      );
    }
    if (request.service === 'organizations' && request.action === 'ListAccounts') {
      if (caller !== org.management) return { status: 400, ...json({ __type: 'AccessDeniedException', Message: 'You don\'t have permissions to access this resource.' }) };
      const start = Number((JSON.parse(request.body || '{}') as { NextToken?: string }).NextToken ?? 0);
      const page = all.slice(start, start + pageSize).map((m) => ({
        Id: m.id,
        Arn: `arn:aws:organizations::${org.management}:account/o-fake/${m.id}`,
        Email: `${m.id}@example.com`,
        Name: m.name,
        State: m.state ?? 'ACTIVE',
        Status: m.state === 'ACTIVE' || !m.state ? 'ACTIVE' : 'SUSPENDED',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: 1700000000,
      }));
      return json({ Accounts: page, ...(start + pageSize < all.length ? { NextToken: String(start + pageSize) } : {}) });
    }
    return account.handler(request);
  };
}
