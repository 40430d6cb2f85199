/**
 * Secret detection for text and configuration values: AWS key pairs, private keys, known
 * provider tokens, and password/secret/token assignments with enough randomness. Findings carry
 * at most the first four characters of what they found: a secret is never copied out whole.
 */
export interface SecretHit {
  /** What it looks like, e.g. `AWS access key id`, `GitHub token`, `password assignment`. */
  readonly type: string;
  /** The first characters and the length: `AKIA… (20 chars)`. */
  readonly preview: string;
  /** 1-based line in the scanned text, when it has lines. */
  readonly line?: number;
  /** The variable or key it was found in, for configuration values. */
  readonly name?: string;
}

/** The example credentials printed in AWS's documentation: not leaks, whatever their shape. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
]);

export function redact(secret: string): string {
  return `${secret.slice(0, 4)}… (${secret.length} chars)`;
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const ACCESS_KEY_ID = /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g;
const SECRET_KEY = /(?<![A-Za-z0-9/+=])([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g;
const SECRET_KEY_ASSIGNMENT = /aws_?secret_?(?:access_?)?key\W{0,5}([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi;
const PRIVATE_KEY = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/g;

const TOKENS: readonly { type: string; pattern: RegExp }[] = [
  { type: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/g },
  { type: 'GitHub fine-grained token', pattern: /\b(github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { type: 'GitLab token', pattern: /\b(glpat-[A-Za-z0-9_-]{20,})\b/g },
  { type: 'Slack token', pattern: /\b(xox[baprs]-[A-Za-z0-9-]{10,})\b/g },
  { type: 'Slack webhook', pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g },
  { type: 'Stripe live key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g },
  { type: 'Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})\b/g },
  { type: 'npm token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/g },
  { type: 'SendGrid key', pattern: /\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})\b/g },
  { type: 'OpenAI key', pattern: /\b(sk-(?:proj-)?[A-Za-z0-9_-]{40,})\b/g },
];

const ASSIGNMENT = /(?<![:/])\b([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|auth[_-]?key|credentials?))\b["']?\s*[:=]\s*["']?([^\s"',;]{8,})/gi;

/** Values that point at a secret store or are placeholders, not secrets. */
export function isReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(value) ||
    /^\{\{resolve:(secretsmanager|ssm|ssm-secure):/.test(value) ||
    /^\$\{[^}]*\}$|^\$\(.*\)$|^<[^>]*>$|^\{\{.*\}\}$|^%[^%]+%$/.test(value) ||
    /^(true|false|null|none|changeme|placeholder|example|x+|\*+)$/i.test(value)
  );
}

/** Every secret-looking thing in a piece of text, each once. */
export function detectSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const add = (type: string, value: string, index: number) => {
    if (DOCUMENTED_EXAMPLES.has(value) || seen.has(value)) return;
    seen.add(value);
    hits.push({ type, preview: redact(value), line: lineOf(index) });
  };

  const keyIds = [...text.matchAll(ACCESS_KEY_ID)].filter((m) => entropy(m[1]!) >= 3 && !m[1]!.endsWith('EXAMPLE'));
  for (const m of keyIds) add(`AWS ${m[1]!.startsWith('ASIA') ? 'temporary ' : ''}access key id`, m[1]!, m.index);
  // A 40-character secret key counts next to a key id (within five lines) or after its own name.
  const nearKey = (index: number) => keyIds.some((k) => Math.abs(lineOf(k.index) - lineOf(index)) <= 5);
  const secretLike = (value: string) => entropy(value) >= 4 && !/^[a-f0-9]{40}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value);
  for (const m of text.matchAll(SECRET_KEY_ASSIGNMENT)) if (secretLike(m[1]!)) add('AWS secret access key', m[1]!, m.index);
  for (const m of text.matchAll(SECRET_KEY)) if (nearKey(m.index) && secretLike(m[1]!)) add('AWS secret access key', m[1]!, m.index);
  for (const m of text.matchAll(PRIVATE_KEY)) add(`private key (${m[1]!.toLowerCase()})`, m[0], m.index);
  for (const { type, pattern } of TOKENS) for (const m of text.matchAll(pattern)) add(type, m[1]!, m.index);
  for (const m of text.matchAll(ASSIGNMENT)) {
    const value = m[2]!;
    if (!isReference(value) && entropy(value) >= 3 && !seen.has(value)) add(`${m[1]!.toLowerCase()} assignment`, value, m.index);
  }
  return hits.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
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
    if (SECRET_NAME.test(name) && value.length >= 4 && !isReference(value) && !DOCUMENTED_EXAMPLES.has(value)) {
      return [{ type: 'plaintext secret', preview: redact(value), name }];
    }
    return [];
  });
}
