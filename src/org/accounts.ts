/** The organisation's accounts: listed with Organizations, narrowed by the user's filters. */
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import { errorCode } from '../aws/errors.js';
import { awsSdk } from '../aws/sdk-modules.js';

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, … as Organizations reports it. */
  readonly state: string;
}

export interface AccountFilter {
  /** Only these account ids. */
  readonly accounts?: readonly string[];
  readonly excludeAccounts?: readonly string[];
  /** Only accounts under these OUs (nested OUs included), or the root (r-…). */
  readonly ous?: readonly string[];
}

export interface AccountSelection {
  readonly targets: OrgAccount[];
  /** Listed but not scanned, and why (suspended, closed, excluded). */
  readonly skipped: { readonly account: OrgAccount; readonly reason: string }[];
}

export const ACCOUNT_ID = /^\d{12}$/;
export const OU_ID = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;

/** Every account of the organisation (ListAccounts, paginated), or those under the OUs asked for. */
export async function listOrgAccounts(aws: AwsContext, region: string, ous: readonly string[] = []): Promise<OrgAccount[]> {
  const { OrganizationsClient, paginateListAccounts, paginateListAccountsForParent, paginateListOrganizationalUnitsForParent } = awsSdk('organizations');
  const client = aws.client('organizations', region, OrganizationsClient);
  const toAccount = (a: { Id?: string | undefined; Name?: string | undefined; State?: string | undefined; Status?: string | undefined }): OrgAccount => ({ id: a.Id ?? '', name: a.Name ?? '', state: a.State ?? a.Status ?? 'UNKNOWN' });
  try {
    if (!ous.length) {
      const accounts: OrgAccount[] = [];
      for await (const page of paginateListAccounts({ client }, {})) accounts.push(...(page.Accounts ?? []).map(toAccount));
      return accounts;
    }
    // Breadth-first through the OU tree: an OU's accounts, then its child OUs.
    const byId = new Map<string, OrgAccount>();
    const queue = [...ous];
    const seen = new Set<string>();
    while (queue.length) {
      const parent = queue.shift()!;
      if (seen.has(parent)) continue;
      seen.add(parent);
      for await (const page of paginateListAccountsForParent({ client }, { ParentId: parent })) for (const a of page.Accounts ?? []) byId.set(a.Id ?? '', toAccount(a));
      for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent })) queue.push(...(page.OrganizationalUnits ?? []).map((ou) => ou.Id ?? '').filter(Boolean));
    }
    return [...byId.values()];
  } catch (error) {
    throw new UserError(orgProblem(error));
  }
}

function orgProblem(error: unknown): string {
  const code = errorCode(error);
  if (code === 'AWSOrganizationsNotInUseException') return 'this account is not in an AWS organisation: scan it without --org';
  if (code === 'AccessDeniedException' || code === 'AccessDenied') {
    return `cannot list the organisation's accounts (${code}): run --org from the management account or a delegated administrator, with organizations:ListAccounts (and ListAccountsForParent, ListOrganizationalUnitsForParent for --ous)`;
  }
  if (code === 'ParentNotFoundException' || code === 'InvalidInputException') return `an OU given to --ous does not exist in this organisation (${code})`;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `cannot list the organisation's accounts (${code}): ${detail}`;
}

/** Scans ACTIVE accounts only; names every other one with the reason it was left out. */
export function selectAccounts(all: readonly OrgAccount[], filter: AccountFilter): AccountSelection {
  const only = filter.accounts?.length ? new Set(filter.accounts) : undefined;
  const excluded = new Set(filter.excludeAccounts ?? []);
  const listed = new Set(all.map((a) => a.id));
  const missing = [...(only ?? [])].filter((id) => !listed.has(id));
  if (missing.length) throw new UserError(`--accounts names ${missing.join(', ')}, not ${filter.ous?.length ? 'under the OUs given to --ous' : 'in this organisation'}`);
  const targets: OrgAccount[] = [];
  const skipped: AccountSelection['skipped'] = [];
  for (const account of [...all].sort((a, b) => a.id.localeCompare(b.id))) {
    if (only && !only.has(account.id)) continue;
    if (excluded.has(account.id)) skipped.push({ account, reason: 'excluded by --exclude-accounts' });
    else if (account.state !== 'ACTIVE') skipped.push({ account, reason: `${account.state.toLowerCase().replace(/_/g, ' ')}: only ACTIVE accounts can be scanned` });
    else targets.push(account);
  }
  return { targets, skipped };
}
