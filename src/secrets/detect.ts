/**
 * The one secret detector, for configuration values (`scan`) and for files and git blobs
 * (`secrets`): AWS key pairs and session tokens, private keys, provider tokens, and
 * password/secret/token assignments with enough randomness. `findSecrets` returns the values, for
 * the caller to fingerprint or verify in memory; everything that leaves the process is redacted.
 *
 * Every pattern runs in linear time on hostile input (see rules.ts), and text is scanned as
 * latin1 when it comes from bytes, so invalid UTF-8 is scanned byte for byte.
 */
import { accountOfKeyId, keyIdKind, notGenuineKeyId } from './aws-key-id.js';
import { TOKEN_RULES, type SecretSeverity, type TokenRule } from './rules.js';

export type { SecretSeverity } from './rules.js';

export interface SecretHit {
  /** What it looks like, e.g. `AWS access key id`, `GitHub token`, `password assignment`. */
  readonly type: string;
  /** A few first characters and the length: `AKIA… (20 chars)`. */
  readonly preview: string;
  /** 1-based line in the scanned text, when it has lines. */
  readonly line?: number;
  /** The variable or key it was found in, for configuration values. */
  readonly name?: string;
}

/** A secret found in text, value included: it stays in memory and is never written out. */
export interface FoundSecret {
  readonly rule: string;
  readonly type: string;
  readonly severity: SecretSeverity;
  readonly value: string;
  /** 0-based offset and 1-based line in the text. */
  readonly index: number;
  readonly line: number;
  /** The line says `bulwark:allow`. */
  readonly allowed: boolean;
  /** For AWS key ids: the account decoded from the id. */
  readonly accountId?: string;
  /** For AWS key ids: why the id cannot be one AWS issued, when it cannot (its severity is then medium). */
  readonly notGenuine?: string;
  /** For AWS key ids: the secret access key (and session token) found next to it. */
  readonly secretKey?: string;
  readonly sessionToken?: string;
}

/** The example credentials printed in AWS's documentation: not leaks, whatever their shape. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

/**
 * A preview that cannot help guess the secret: two characters of anything shorter than 20
 * (a third of a 12-character password is too much), four of longer, mostly random, values.
 */
export function redact(secret: string): string {
  const shown = secret.length < 20 ? 2 : 4;
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}

/** A preview made by an older version (four characters of a short secret) cut to what `redact` shows now. */
export function saferPreview(preview: string): string {
  const m = /^(.*)… \((\d+) chars\)$/su.exec(preview);
  if (!m) return preview;
  const length = Number(m[2]);
  return `${[...m[1]!].slice(0, length < 20 ? 2 : 4).join('')}… (${length} chars)`;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const ACCESS_KEY_ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})(?![A-Za-z0-9])/g;
const SECRET_KEY = /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;
const SECRET_KEY_ASSIGNMENT = /aws_?secret_?(?:access_?)?key["']?[\s"'`:=>]{1,6}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
const SESSION_TOKEN_ASSIGNMENT = /(?:aws_?session_?token|aws_?security_?token|sessiontoken)["']?[\s"'`:=>]{1,6}([A-Za-z0-9/+]{100,4000}={0,2})(?![A-Za-z0-9/+=])/gi;
const PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----((?:\\[rn]|\s){1,4}(?:[A-Za-z-]{1,20}: [^\n\\]{0,200}(?:\\[rn]|\s){1,4}){0,4})([A-Za-z0-9+/]{40,})/g;
const PUTTY_KEY = /PuTTY-User-Key-File-[23]: [^\n]{1,100}\n(?:[^\n]{0,2000}\n){0,40}?Private-Lines: \d{1,4}\r?\n([A-Za-z0-9+/=]{16,})/g;
/** How far (in characters) a secret access key may be from its key id to pair with it. */
const PAIR_WINDOW = 800;

// A keyword, up to 30 more name characters, then `=`, `:`, `:=` or `=>`, then the value. Sticky: it
// is tried only where a keyword starts (see keywordHits).
const ASSIGNMENT = /(password|passwd|pwd|secret|token|api[_-]?key|apikey|auth[_-]?key|private[_-]?key|access[_-]?key|credentials?)([A-Za-z0-9_.-]{0,30})["']?[ \t]{0,4}(?:=>|:=|[:=])[ \t]{0,4}(["'`]?)([^\s"'`,;]{8,200})/iy;
/** How each of the assignment keywords starts, lower-cased: where one of these is, the pattern may match. */
const ASSIGNMENT_STARTS = ['passw', 'pwd', 'secret', 'token', 'api', 'auth', 'private', 'access', 'credential'];
const KEY_ID_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'];
/** The names that label an AWS secret key or session token, tried where `secret`, `session` or `security` starts. */
const AWS_LABEL = /secret_?(?:access_?)?key|session_?token|security_?token/iy;

interface KeywordHits {
  aws: boolean;
  privateKey: boolean;
  putty: boolean;
  readonly rules: Set<TokenRule>;
  /** Offsets, ascending, where an assignment keyword may start. */
  readonly assignments: number[];
}

type Trigger = (text: string, at: number, hits: KeywordHits) => void;
const literal = (word: string, then: (hits: KeywordHits) => void): [string, Trigger] => [word, (text, at, hits) => text.startsWith(word, at) && then(hits)];
const TRIGGERS: [string, Trigger][] = [
  ...KEY_ID_PREFIXES.map((prefix) => literal(prefix, (hits) => (hits.aws = true))),
  ...['secret', 'session', 'security'].map((word): [string, Trigger] => [word, (text, at, hits) => {
    AWS_LABEL.lastIndex = at;
    if (AWS_LABEL.test(text)) hits.aws = true;
  }]),
  literal('PRIVATE KEY-----', (hits) => (hits.privateKey = true)),
  literal('PuTTY-User-Key-File-', (hits) => (hits.putty = true)),
  ...TOKEN_RULES.flatMap((rule) => rule.keywords.map((keyword) => literal(keyword, (hits) => hits.rules.add(rule)))),
  ...ASSIGNMENT_STARTS.map((start): [string, Trigger] => [start, (_text, at, hits) => void (hits.assignments[hits.assignments.length - 1] !== at && hits.assignments.push(at))]),
];
/** The triggers by the lower-cased first two characters of their word. */
const TRIGGERS_BY_START = new Map<string, Trigger[]>();
for (const [word, trigger] of TRIGGERS) {
  const start = word.slice(0, 2).toLowerCase();
  TRIGGERS_BY_START.set(start, [...(TRIGGERS_BY_START.get(start) ?? []), trigger]);
}
/** Every keyword of every rule, case-insensitively: one pass over the text finds where any starts. */
const ANY_KEYWORD = new RegExp(
  [...new Set(TRIGGERS.map(([word]) => word.toLowerCase()))].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'gi',
);

/**
 * One pass over the text for the keywords of every rule, overlapping ones included: which rules
 * can match at all (only those patterns then run), and where the assignment pattern may start.
 */
function keywordHits(text: string): KeywordHits {
  const hits: KeywordHits = { aws: false, privateKey: false, putty: false, rules: new Set(), assignments: [] };
  ANY_KEYWORD.lastIndex = 0;
  for (let m = ANY_KEYWORD.exec(text); m; m = ANY_KEYWORD.exec(text)) {
    for (const trigger of TRIGGERS_BY_START.get(m[0].slice(0, 2).toLowerCase()) ?? []) trigger(text, m.index, hits);
    ANY_KEYWORD.lastIndex = m.index + 1;
  }
  return hits;
}

/** Values that point at a secret store, the environment or a template, or are placeholders: not secrets. */
export function isReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value) ||
    /^\{\{ ?resolve:/.test(value) ||
    /^\$\{|^\$\(|^\$[A-Za-z_]|^<[^>]*>$|^\{\{|^%[^%]+%$|^#\{/.test(value) ||
    /^(true|false|null|none|nil|undefined|changeme|change_me|placeholder|example|redacted|secret|password|x+|\*+|\.+|-+)$/i.test(value) ||
    /^(?:os\.environ|os\.getenv|process\.env|env\(|ENV\[|getenv\(|System\.getenv|secrets\.|vars\.|config\.|settings\.)/.test(value)
  );
}

/** Values with the shape of something that is not a secret: hashes, ids, code, data. */
function isNotSecret(value: string): boolean {
  return (
    /^sha(?:1|256|384|512)-[A-Za-z0-9+/=]{20,}$/.test(value) || // lockfile integrity
    /^(?:[a-f0-9]{32}|[a-f0-9]{40}|[a-f0-9]{64}|[a-f0-9]{128}|[A-F0-9]{32}|[A-F0-9]{40}|[A-F0-9]{64})$/.test(value) || // checksums, commit ids
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) || // UUIDs
    /^data:/.test(value) ||
    /\$\{|^\/[\w./-]*$|^[\w.-]+\.(?:json|ya?ml|txt|pem|key|env|ini|cfg|conf|toml)$/.test(value) || // interpolation, a path or a file name

    /^eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.?$/.test(value) || // an unsigned JWT

    /^https?:\/\/[^@]*$/.test(value) || // a URL without credentials in it
    /^[A-Za-z_$][\w$]*(?:(?:\.|\?\.|::|->)[\w$]+)+(?:\(.*)?$|^[A-Za-z_$][\w$.]*[([]/.test(value) || // member access or a call
    /^[a-z]+(?:_[a-z]+)*$|^[a-z]+(?:[A-Z][a-z]+)+$|^[A-Z]+(?:_[A-Z]+)*$/.test(value) // a plain identifier
  );
}

const GENERIC_MIN_ENTROPY = 3;

/**
 * Every secret in a piece of text, each value once. `limit` bounds the work on a blob full of
 * matches (a fixture of ten thousand keys is one finding too many times over).
 */
export function findSecrets(text: string, limit = 200): FoundSecret[] {
  const found: Omit<FoundSecret, 'line' | 'allowed'>[] = [];
  const seen = new Set<string>();
  const add = (secret: Omit<FoundSecret, 'line' | 'allowed'>) => {
    if (found.length >= limit || seen.has(secret.value) || DOCUMENTED_EXAMPLES.has(secret.value)) return;
    seen.add(secret.value);
    found.push(secret);
  };

  const hits = keywordHits(text);
  if (hits.aws) awsKeys(text, add, seen, limit);
  if (hits.privateKey) {
    for (const m of text.matchAll(PRIVATE_KEY)) add({ rule: 'private-key', type: `private key (${m[1]!.toLowerCase()})`, severity: 'critical', value: m[3]!, index: m.index });
  }
  if (hits.putty) {
    for (const m of text.matchAll(PUTTY_KEY)) add({ rule: 'private-key', type: 'private key (PuTTY)', severity: 'critical', value: m[1]!, index: m.index });
  }
  for (const rule of TOKEN_RULES) {
    if (!hits.rules.has(rule)) continue;
    for (const m of text.matchAll(rule.pattern)) {
      const value = m[1]!;
      if (rule.minEntropy === undefined || entropy(value) >= rule.minEntropy) add({ rule: rule.id, type: rule.type, severity: rule.severity, value, index: m.index });
    }
  }
  // The assignment pattern can only match where one of its keywords starts: it runs there alone,
  // as a scan of the whole text would (a match consumes the keywords inside it).
  let after = 0;
  for (const at of hits.assignments) {
    if (at < after) continue;
    ASSIGNMENT.lastIndex = at;
    const m = ASSIGNMENT.exec(text);
    if (!m) continue;
    after = at + m[0].length;
    const [, keyword, rest, quote, raw] = m;
    // Quoted values end at their quote; unquoted ones at the first bracket that closes an expression.
    const value = quote ? raw! : raw!.replace(/[)\]}>]+$/, '');
    if (seen.has(value) || value.length < 8 || isReference(value) || isNotSecret(value) || entropy(value) < GENERIC_MIN_ENTROPY) continue;
    if (!quote && /[(){}[\]]/.test(value)) continue; // an expression, not a literal
    add({ rule: 'generic-secret', type: `${(nameBefore(text, m.index) + keyword! + rest!).toLowerCase()} assignment`, severity: 'medium', value, index: m.index + m[0].length - raw!.length });
  }
  return withLines(text, found);
}

/** The start of a name the keyword ends (`DB_` of `DB_PASSWORD`), read backwards a bounded distance. */
function nameBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && index - start < 40 && /[A-Za-z0-9_.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, index);
}

type Add = (secret: Omit<FoundSecret, 'line' | 'allowed'>) => void;

function secretLike(value: string): boolean {
  return entropy(value) >= 4 && !/^[a-f0-9]{40}$/i.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9/+]/.test(value);
}

/** Key ids, each paired with the nearest secret access key (and session token) within the window. */
function awsKeys(text: string, add: Add, seen: Set<string>, limit: number): void {
  // Bounded lists keep the pairing below small whatever the text holds.
  const ids = [...text.matchAll(ACCESS_KEY_ID)].filter((m) => !m[1]!.endsWith('EXAMPLE') && entropy(m[1]!) >= 3 && !DOCUMENTED_EXAMPLES.has(m[1]!)).slice(0, limit);
  const labelled = [...text.matchAll(SECRET_KEY_ASSIGNMENT)].filter((m) => secretLike(m[1]!) && !DOCUMENTED_EXAMPLES.has(m[1]!)).slice(0, limit);
  const tokens = /session_?token|security_?token|sessiontoken/i.test(text) ? [...text.matchAll(SESSION_TOKEN_ASSIGNMENT)].slice(0, limit) : [];
  // Bare 40-character candidates are looked for only around key ids: the pattern alone matches noise.
  const near: { value: string; index: number }[] = [];
  let scannedTo = 0;
  for (const id of ids) {
    const from = Math.max(scannedTo, id.index - PAIR_WINDOW);
    const to = Math.min(text.length, id.index + PAIR_WINDOW);
    if (from >= to) continue;
    const window = text.slice(from, to);
    for (const m of window.matchAll(SECRET_KEY)) if (near.length < limit && secretLike(m[1]!) && !DOCUMENTED_EXAMPLES.has(m[1]!)) near.push({ value: m[1]!, index: from + m.index });
    scannedTo = to;
  }
  const secrets = [...labelled.map((m) => ({ value: m[1]!, index: m.index + m[0].length - 40 })), ...near];
  const nearest = <T extends { index: number }>(list: T[], index: number) =>
    list.filter((s) => Math.abs(s.index - index) <= PAIR_WINDOW).sort((a, b) => Math.abs(a.index - index) - Math.abs(b.index - index))[0];
  for (const m of ids) {
    const keyId = m[1]!;
    const secret = nearest(secrets, m.index);
    const token = keyId.startsWith('ASIA') ? nearest(tokens.map((t) => ({ value: t[1]!, index: t.index })), m.index) : undefined;
    const accountId = accountOfKeyId(keyId);
    const notGenuine = notGenuineKeyId(keyId);
    add({
      rule: 'aws-access-key-id', type: keyIdKind(keyId), severity: notGenuine ? 'medium' : secret ? 'critical' : 'high', value: keyId, index: m.index,
      ...(accountId ? { accountId } : {}), ...(notGenuine ? { notGenuine } : {}), ...(secret ? { secretKey: secret.value } : {}), ...(token ? { sessionToken: token.value } : {}),
    });
  }
  for (const s of secrets) add({ rule: 'aws-secret-access-key', type: 'AWS secret access key', severity: 'critical', value: s.value, index: s.index });
  for (const t of tokens) if (!seen.has(t[1]!)) add({ rule: 'aws-session-token', type: 'AWS session token', severity: 'high', value: t[1]!, index: t.index });
}

/** Lines for every find in one pass over the text, and whether the line says `bulwark:allow`. */
function withLines(text: string, found: readonly Omit<FoundSecret, 'line' | 'allowed'>[]): FoundSecret[] {
  const sorted = [...found].sort((a, b) => a.index - b.index);
  let line = 1;
  let at = 0;
  return sorted.map((secret) => {
    for (let nl = text.indexOf('\n', at); nl !== -1 && nl < secret.index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      at = nl + 1;
    }
    const end = text.indexOf('\n', secret.index);
    const allowed = text.slice(at, end === -1 ? undefined : end).includes('bulwark:allow');
    return { ...secret, line, allowed };
  });
}

/** Every secret-looking thing in a piece of text, redacted, each once (scan's form). */
export function detectSecrets(text: string): SecretHit[] {
  return findSecrets(text).map((s) => ({ type: s.type, preview: redact(s.value), line: s.line }));
}

const SECRET_NAME = /(password|passwd|pwd|secret|token|api_?key|apikey|private_?key|credential|access_?key|auth)/i;

/**
 * Configuration values (environment variables, parameters, outputs): secret-looking content, and a
 * literal value under a name that says it is a secret (such values belong in Secrets Manager or
 * Parameter Store, referenced, not written into the configuration).
 */
export function detectInVariables(variables: Readonly<Record<string, string>>): SecretHit[] {
  return Object.entries(variables).flatMap(([name, value]) => {
    if (isReference(value)) return [];
    const inValue = detectSecrets(value).map(({ line: _line, ...hit }) => ({ ...hit, name }));
    if (inValue.length) return inValue;
    if (SECRET_NAME.test(name) && value.length >= 4 && !DOCUMENTED_EXAMPLES.has(value)) {
      return [{ type: 'plaintext secret', preview: redact(value), name }];
    }
    return [];
  });
}
