/** Principal ARNs as respond acts on them: which IAM user or role an ARN (or a session of it) is. */

export type Principal =
  | { readonly kind: 'user' | 'role'; readonly name: string; readonly account: string; readonly arn: string }
  | { readonly kind: 'root'; readonly account: string; readonly arn: string }
  | { readonly kind: 'other'; readonly arn: string };

const ARN = /^arn:aws(?:-cn|-us-gov)?:(iam|sts)::(\d{12}):(.+)$/;

/** `…:user/path/bob` → user bob; `…:role/path/r` and `…:assumed-role/r/session` → role r; `…:root` → root. */
export function parsePrincipal(arn: string): Principal {
  const match = ARN.exec(arn);
  if (!match) return { kind: 'other', arn };
  const [, service, account = '', resource = ''] = match;
  if (resource === 'root') return { kind: 'root', account, arn };
  const parts = resource.split('/');
  if (service === 'iam' && (parts[0] === 'user' || parts[0] === 'role') && parts.length >= 2) return { kind: parts[0], name: parts.at(-1)!, account, arn };
  if (service === 'sts' && parts[0] === 'assumed-role' && parts.length >= 3 && parts[1]) return { kind: 'role', name: parts[1], account, arn };
  return { kind: 'other', arn };
}

/** A principal ARN as the user may type it: a user, role, assumed-role session or root ARN. */
export function isPrincipalArn(value: string): boolean {
  return parsePrincipal(value).kind !== 'other';
}

export const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
