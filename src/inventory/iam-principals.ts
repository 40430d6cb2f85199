/** The policies that apply to each IAM principal, resolved from GetAccountAuthorizationDetails. */
import type { ResourceSet } from '../core/check.js';
import { mapFact, notInInventory, type Fact } from '../core/fact.js';
import { isPolicy, parsePolicy, type Policy } from '../policy/document.js';
import type { Authorization, IamGroup, IamRole, IamUser, Inventory } from './schema.js';

export type Principal =
  | { readonly kind: 'user'; readonly entity: IamUser }
  | { readonly kind: 'group'; readonly entity: IamGroup }
  | { readonly kind: 'role'; readonly entity: IamRole };

/** What applies to a principal, and what could not be read (a malformed or missing document). */
export interface EffectivePolicies {
  readonly policies: readonly Policy[];
  readonly problems: readonly string[];
}

export function authorization(inventory: Inventory): Fact<Authorization> {
  return inventory.iam.authorization ?? notInInventory('iam:GetAccountAuthorizationDetails');
}

/** Every user, group and role, with the whole authorization snapshot to resolve their policies. */
export function principals(inventory: Inventory): ResourceSet<{ principal: Principal; auth: Authorization }>[] {
  return [
    {
      region: 'global',
      items: mapFact(authorization(inventory), (auth) => [
        ...auth.users.map((entity) => ({ principal: { kind: 'user', entity } as const, auth })),
        ...auth.groups.map((entity) => ({ principal: { kind: 'group', entity } as const, auth })),
        ...auth.roles.map((entity) => ({ principal: { kind: 'role', entity } as const, auth })),
      ]),
    },
  ];
}

export function describePrincipal({ principal }: { principal: Principal }) {
  const type = { user: 'AwsIamUser', group: 'AwsIamGroup', role: 'AwsIamRole' }[principal.kind];
  return { id: principal.entity.arn, type, name: `${principal.kind} ${principal.entity.name}` };
}

interface Index {
  readonly policies: Map<string, Authorization['policies'][number]>;
  readonly groups: Map<string, IamGroup>;
  /**
   * Parsed documents by text, then name: one managed policy serves thousands of users. The text is
   * a key of its own (never joined to the name), so a lookup reuses its hash instead of copying it.
   */
  readonly parsed: Map<string, Map<string, ReturnType<typeof parsePolicy>>>;
}

const indexes = new WeakMap<Authorization, Index>();

/** Lookups by ARN and name, built once per snapshot, so resolving every user stays linear. */
function indexOf(auth: Authorization): Index {
  let index = indexes.get(auth);
  if (!index) {
    index = { policies: new Map(auth.policies.map((p) => [p.arn, p])), groups: new Map(auth.groups.map((g) => [g.name, g])), parsed: new Map() };
    indexes.set(auth, index);
  }
  return index;
}

function parsed(name: string, document: string | undefined, into: { policies: Policy[]; problems: string[] }, index: Index): void {
  if (document === undefined) {
    into.problems.push(`${name}: document not collected`);
    return;
  }
  let byName = index.parsed.get(document);
  if (!byName) index.parsed.set(document, (byName = new Map<string, ReturnType<typeof parsePolicy>>()));
  let result = byName.get(name);
  if (!result) {
    result = parsePolicy(name, document);
    byName.set(name, result);
  }
  if (isPolicy(result)) into.policies.push(result);
  else into.problems.push(`${name}: ${result.error}`);
}

function own(entity: IamUser | IamGroup | IamRole, label: string, index: Index, into: { policies: Policy[]; problems: string[] }): void {
  for (const p of entity.inlinePolicies) parsed(`inline policy "${p.name}" of ${label}`, p.document, into, index);
  for (const arn of entity.attachedPolicyArns) {
    const managed = index.policies.get(arn);
    parsed(managed ? `${managed.awsManaged ? 'AWS managed' : 'managed'} policy ${managed.name}` : `managed policy ${arn}`, managed?.document, into, index);
  }
}

/** Inline and attached policies of the principal, and for a user those of its groups too. */
export function effectivePolicies(principal: Principal, auth: Authorization): EffectivePolicies {
  const into = { policies: [] as Policy[], problems: [] as string[] };
  const index = indexOf(auth);
  own(principal.entity, `${principal.kind} ${principal.entity.name}`, index, into);
  if (principal.kind === 'user') {
    for (const name of principal.entity.groups) {
      const group = index.groups.get(name);
      if (group) own(group, `group ${name}`, index, into);
      else into.problems.push(`group ${name}: not in the snapshot`);
    }
  }
  return into;
}

/** Roles AWS or the account owner meant to be powerful: not failures of least privilege. */
export function intendedAdmin(role: IamRole, breakGlass: readonly string[]): string | undefined {
  if (role.path.startsWith('/aws-service-role/')) return 'a service-linked role, managed by AWS';
  if (role.path.startsWith('/aws-reserved/sso.amazonaws.com/')) return 'an IAM Identity Center permission-set role (review who is assigned it)';
  if (breakGlass.includes(role.name) || breakGlass.includes(role.arn)) return 'a break-glass role named in the config';
  return undefined;
}

/** A policy the account wrote itself: a customer managed policy or an inline policy. */
export interface OwnPolicy {
  readonly id: string;
  readonly label: string;
  readonly document: string | undefined;
  /** Customer managed policies only: how many principals it is attached to. */
  readonly attachmentCount?: number;
}

export function ownPolicies(inventory: Inventory): ResourceSet<OwnPolicy>[] {
  return [
    {
      region: 'global',
      items: mapFact(authorization(inventory), (auth) => [
        ...auth.policies.filter((p) => !p.awsManaged).map((p) => ({ id: p.arn, label: `managed policy ${p.name}`, document: p.document, attachmentCount: p.attachmentCount })),
        ...[...auth.users.map((e) => ['user', e] as const), ...auth.groups.map((e) => ['group', e] as const), ...auth.roles.map((e) => ['role', e] as const)].flatMap(([kind, entity]) =>
          entity.inlinePolicies.map((p) => ({ id: `${entity.arn}/inline-policy/${p.name}`, label: `inline policy "${p.name}" of ${kind} ${entity.name}`, document: p.document })),
        ),
      ]),
    },
  ];
}
