/** Who can assume a role, read from its trust policy. */
import type { Condition, Policy } from './document.js';
import { coversAction } from './match.js';

export interface Trustee {
  /** The principal as written: `*`, an account, an ARN, a service or a federated provider. */
  readonly principal: string;
  readonly kind: 'anyone' | 'account' | 'other-account' | 'service' | 'federated';
  /** The conditions that narrow who it really is (external id, organisation, OIDC subject…). */
  readonly restrictedBy: readonly string[];
}

const ASSUME = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];
/** Condition keys that pin a wildcard or foreign principal down to known callers. */
const RESTRICTING = ['sts:externalid', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid'];

function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/**
 * For a federated principal the token's subject is what names the caller: an OIDC audience alone
 * (GitHub's sts.amazonaws.com) is the same for every repository. Cognito's audience is the pool.
 */
function restrictions(conditions: readonly Condition[], federated: string | undefined): string[] {
  const pins = (key: string) =>
    federated !== undefined &&
    (key.endsWith(':sub') || key.startsWith('saml:') || (federated === 'cognito-identity.amazonaws.com' && key === 'cognito-identity.amazonaws.com:aud'));
  return conditions.filter((c) => RESTRICTING.includes(c.key) || pins(c.key)).map((c) => `${c.key} ${c.operator}`);
}

/** Every principal an Allow statement of the trust policy lets assume the role. */
export function trustees(trust: Policy, ownAccount: string): Trustee[] {
  return trust.statements
    .filter((s) => s.effect === 'Allow' && ASSUME.some((action) => coversAction(s, action)) && (s.principals || s.notPrincipals))
    .flatMap((s) => {
      // NotPrincipal in an Allow trusts everyone but the few it names.
      if (!s.principals) return [{ principal: `everyone except ${s.notPrincipals?.aws.join(', ') ?? 'the named'}`, kind: 'anyone' as const, restrictedBy: restrictions(s.conditions, undefined) }];
      const p = s.principals;
      const aws = p.aws.map((principal): Trustee => {
        const account = accountOf(principal);
        const kind = principal.includes('*') ? 'anyone' : account === ownAccount ? 'account' : 'other-account';
        return { principal, kind, restrictedBy: restrictions(s.conditions, undefined) };
      });
      const services = p.service.map((principal): Trustee => ({ principal, kind: 'service', restrictedBy: restrictions(s.conditions, undefined) }));
      const federated = p.federated.map((principal): Trustee => ({ principal, kind: 'federated', restrictedBy: restrictions(s.conditions, principal) }));
      return [...aws, ...services, ...federated];
    });
}

/**
 * The trustees that make a role assumable by strangers: anyone, another account without an
 * external id or organisation condition, or an OIDC provider (GitHub Actions, say) without a
 * condition on the token's subject or audience. Accounts in `trustedAccounts` are known.
 */
export function riskyTrustees(trust: Policy, ownAccount: string, trustedAccounts: readonly string[] = []): Trustee[] {
  return trustees(trust, ownAccount).filter((t) => {
    if (t.restrictedBy.length) return false;
    if (t.kind === 'anyone') return true;
    if (t.kind === 'other-account') return !trustedAccounts.includes(accountOf(t.principal) ?? '');
    if (t.kind === 'federated') return t.principal.includes(':oidc-provider/') || t.principal === 'cognito-identity.amazonaws.com';
    return false;
  });
}
