/** Accounts that joined the organisation (created or invited) since T; read once, and only from the management account. */
import { attempt, emptyResult, isNew, isoOf, item, type ReadContext, type ReadResult, type ScopeReader } from './reader.js';
import { awsSdk } from '../../aws/sdk-modules.js';

export const organizationsReader: ScopeReader = {
  name: 'organizations',
  scope: 'global',
  operations: ['organizations:ListAccounts'],
  read: readOrganizations,
};

/** Not in an organisation: there is nothing to list, which is not a failure. */
const NO_ORGANIZATION = 'AWSOrganizationsNotInUseException';

async function readOrganizations(context: ReadContext): Promise<ReadResult> {
  const { OrganizationsClient, paginateListAccounts } = awsSdk('organizations');
  const client = context.aws.client('organizations', context.region, OrganizationsClient);
  const result = emptyResult();
  await attempt(result, ['organizations-account'], 'global', 'organizations:ListAccounts', async () => {
    try {
      for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
        for (const a of page.Accounts ?? []) {
          const joined = isoOf(a.JoinedTimestamp);
          if (!a.Id || !isNew(joined, context.since)) continue;
          const method = a.JoinedMethod ?? 'UNKNOWN';
          result.items.push(item({ kind: 'organizations-account', id: a.Id, ...(a.Arn ? { arn: a.Arn } : {}), region: 'global', createdAt: joined, notes: [method === 'CREATED' ? 'account created in the organisation' : 'account invited into the organisation'], detail: { name: a.Name ?? '', status: a.State ?? a.Status ?? '', joinedMethod: method } }));
        }
      }
    } catch (error) {
      if ((error as Error).name !== NO_ORGANIZATION) throw error;
    }
  });
  return result;
}
