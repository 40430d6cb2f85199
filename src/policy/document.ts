/**
 * IAM policy documents in all their shapes, normalised (after `decodePolicyDocument`): Statement as object or array;
 * Action/NotAction and Resource/NotResource as string or array; Principal as `*` or a map of
 * AWS / Service / Federated / CanonicalUser; Condition blocks. A malformed document is a
 * value (`{ error }`) to report, never an exception that stops a scan.
 */
export interface Principals {
  /** `"Principal": "*"`, `{"AWS": "*"}` or a wildcard ARN such as `arn:aws:iam::*:root`: anyone. */
  readonly anyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

export interface Condition {
  /** e.g. `StringEquals`, `BoolIfExists`, `ForAnyValue:StringLike`. */
  readonly operator: string;
  /** Lower-cased condition key, e.g. `aws:multifactorauthpresent`. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: Principals;
  readonly notPrincipals?: Principals;
  readonly conditions: readonly Condition[];
}

export interface Policy {
  /** Where it came from, for messages: a policy ARN, or `user/alice inline "deploy"`. */
  readonly name: string;
  readonly statements: readonly Statement[];
}

export type ParseResult = Policy | { readonly name: string; readonly error: string };

/** Whether a statement applies to every caller: a wildcard Principal, or a NotPrincipal (everyone but a few). */
export function appliesToAnyone(statement: Statement): boolean {
  return Boolean(statement.principals?.anyone || statement.notPrincipals);
}

export function isPolicy(result: ParseResult): result is Policy {
  return 'statements' in result;
}

/** Parses a policy document given as text (plain or URL-encoded JSON) or as an already parsed value. */
export function parsePolicy(name: string, document: unknown): ParseResult {
  try {
    const json: unknown = typeof document === 'string' ? JSON.parse(document) : document;
    if (!isObject(json)) throw new Error('the document is not a JSON object');
    const raw = json.Statement;
    if (raw === undefined) throw new Error('the document has no Statement');
    const statements = (Array.isArray(raw) ? raw : [raw]).map((s, i) => statement(s, i + 1));
    return { name, statements };
  } catch (error) {
    return { name, error: error instanceof Error ? error.message : String(error) };
  }
}

/** IAM returns documents URL-encoded (RFC 3986); some SDKs decode them already. */
export function decodePolicyDocument(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('%7B') || trimmed.startsWith('%7b') ? decodeURIComponent(trimmed) : trimmed;
}

function statement(raw: unknown, n: number): Statement {
  if (!isObject(raw)) throw new Error(`statement ${n} is not an object`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw new Error(`statement ${n} has Effect ${JSON.stringify(effect)}, not Allow or Deny`);
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) throw new Error(`statement ${n} needs exactly one of Action and NotAction`);
  const field = (key: string) => (raw[key] === undefined ? undefined : strings(raw[key], `statement ${n} ${key}`));
  const result: Statement = {
    effect,
    conditions: conditions(raw.Condition, n),
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    ...optional('actions', field('Action')),
    ...optional('notActions', field('NotAction')),
    ...optional('resources', field('Resource')),
    ...optional('notResources', field('NotResource')),
    ...optional('principals', raw.Principal === undefined ? undefined : principals(raw.Principal, n)),
    ...optional('notPrincipals', raw.NotPrincipal === undefined ? undefined : principals(raw.NotPrincipal, n)),
  };
  return result;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function principals(raw: unknown, n: number): Principals {
  if (raw === '*') return { anyone: true, aws: ['*'], service: [], federated: [], canonicalUser: [] };
  if (!isObject(raw)) throw new Error(`statement ${n} Principal must be "*" or an object`);
  const get = (key: string) => (raw[key] === undefined ? [] : strings(raw[key], `statement ${n} Principal.${key}`));
  const aws = get('AWS');
  return { anyone: aws.some((p) => p.includes('*')), aws, service: get('Service'), federated: get('Federated'), canonicalUser: get('CanonicalUser') };
}

function conditions(raw: unknown, n: number): Condition[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw new Error(`statement ${n} Condition must be an object`);
  return Object.entries(raw).flatMap(([operator, block]) => {
    if (!isObject(block)) throw new Error(`statement ${n} Condition ${operator} must be an object`);
    return Object.entries(block).map(([key, value]) => ({ operator, key: key.toLowerCase(), values: strings(value, `statement ${n} Condition ${operator}.${key}`, true) }));
  });
}

function strings(value: unknown, where: string, scalars = false): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (scalars && (typeof item === 'boolean' || typeof item === 'number')) return String(item);
    throw new Error(`${where} must be a string or a list of strings`);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
