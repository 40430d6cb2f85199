import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectInVariables, detectSecrets, entropy, findSecrets, redact, saferPreview } from './detect.js';

// Synthetic credentials made at test time, so no realistic key is ever committed.
const pick = (alphabet: string, n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const B32 = `${UPPER}234567`;
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
/** A password as a person or a generator makes one: distinct characters and a digit (random picks sometimes repeat or lack one, and the detector rightly skips those). */
const password = (n: number) => `${[...ALNUM].sort(() => randomBytes(1)[0]! - 128).filter((c) => !/[0-9]/.test(c)).slice(0, n - 1).join('')}${pick('0123456789', 1)}`;
// The first character after the prefix holds the account's top bits: these keep it under 10^12, as real account ids are.
const keyId = (prefix = 'AKIA') => prefix + pick('ABCDEFGHQRSTUVWX', 1) + pick(B32, 15);
const secretKey = () => `${pick(UPPER, 2)}${pick('abcdefghijklmnopqrstuvwxyz', 2)}${pick(`${ALNUM}/+`, 36)}`;

describe('detectSecrets', () => {
  it('finds an AWS key pair in a shell script and redacts both', () => {
    const id = keyId();
    const secret = secretKey();
    const hits = detectSecrets(`#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${secret}\naws s3 sync /data s3://backup\n`);
    expect(hits).toEqual([
      { type: 'AWS access key id', preview: `${id.slice(0, 4)}… (20 chars)`, line: 2 },
      { type: 'AWS secret access key', preview: `${secret.slice(0, 4)}… (40 chars)`, line: 3 },
    ]);
    expect(JSON.stringify(hits)).not.toContain(id);
    expect(JSON.stringify(hits)).not.toContain(secret);
  });

  it.each([
    ['a temporary key id', () => keyId('ASIA'), 'AWS temporary access key id'],
    ['a PEM private key', () => `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${pick(ALNUM, 58)}\n${pick(ALNUM, 64)}`, 'private key (rsa private key)'],
    ['an OpenSSH private key', () => `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${pick(ALNUM, 40)}`, 'private key (openssh private key)'],
    ['an encrypted PEM key with headers', () => `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${pick('0123456789ABCDEF', 32)}\n\n${pick(ALNUM, 64)}`, 'private key (rsa private key)'],
    ['a service-account key in JSON (escaped newlines)', () => `"private_key": "-----BEGIN PRIVATE KEY-----\\n${pick(ALNUM, 64)}\\n"`, 'private key (private key)'],
    ['a PuTTY key', () => `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\nAAAAC3Nz${pick(ALNUM, 40)}\n${pick(ALNUM, 20)}\nPrivate-Lines: 1\n${pick(ALNUM, 44)}\nPrivate-MAC: ${pick('0123456789abcdef', 64)}`, 'private key (PuTTY)'],
    ['a GitHub fine-grained token', () => `github_pat_${pick(ALNUM, 22)}_${pick(ALNUM, 59)}`, 'GitHub fine-grained token'],
    ['a GitLab token', () => `glpat-${pick(ALNUM, 20)}`, 'GitLab token'],
    ['a Slack webhook', () => `https://hooks.slack.com/services/T${pick(UPPER, 8)}/B${pick(UPPER, 8)}/${pick(ALNUM, 24)}`, 'Slack webhook'],
    ['a Google API key', () => `AIza${pick(ALNUM, 35)}`, 'Google API key'],
    ['an npm token', () => `//registry.npmjs.org/:_authToken=npm_${pick(ALNUM, 36)}`, 'npm token'],
    ['a PyPI token', () => `password = pypi-AgEIcHlwaS5vcmc${pick(ALNUM, 60)}`, 'PyPI token'],
    ['a signed JWT', () => `Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${pick(ALNUM, 43)}`, 'JSON web token'],
    ['an AWS session token under its name', () => `aws_session_token = ${pick(ALNUM, 300)}`, 'AWS session token'],
    ['a secret key under its name with no key id', () => `aws_secret_access_key: "${secretKey()}"`, 'AWS secret access key'],
    ['a camelCase password', () => `const dbPassword = "${password(14)}";`, 'dbpassword assignment'],
    ['a GitHub token', () => `ghp_${pick(ALNUM, 36)}`, 'GitHub token'],
    ['a Slack bot token', () => `xoxb-${pick('0123456789', 12)}-${pick(ALNUM, 24)}`, 'Slack token'],
    ['a Stripe live key', () => `sk_live_${pick(ALNUM, 24)}`, 'Stripe live key'],
    ['a password assignment', () => `DB_PASSWORD="${password(16)}"`, 'db_password assignment'],
  ])('finds %s', (_name, make, type) => {
    expect(detectSecrets(`config:\n  ${make()}\n`).map((h) => h.type)).toContain(type);
  });

  it.each([
    ["AWS's documented example key id and secret", 'AKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['a key id with the wrong alphabet (0, 1, 8, 9 never occur)', 'AKIA0123456789ABCDEF'],
    ['a key id that is part of a longer word', `XAKIA${pick(B32, 16)}`],
    ['a git commit hash near a key id-like word', `commit ${pick('0123456789abcdef', 40)}`],
    ['a 40-character string with no key id near it', `checksum=${secretKey()}`.replace('checksum=', 'digest: ')],
    ['a password read from a secret store', 'password: {{resolve:secretsmanager:prod/db:SecretString:password}}'],
    ['a password placeholder', 'password = ${DB_PASSWORD}'],
    ['a low-entropy password assignment', 'password=aaaaaaaaaaaa'],
    ['a public key', '-----BEGIN PUBLIC KEY-----'],
    ['a PEM header in parser code, with no key after it', "if (line.startsWith('-----BEGIN RSA PRIVATE KEY-----')) {"],
    ['an unsigned (alg none) JWT', 'token: eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.'],
    ['a lockfile integrity hash', `"integrity": "sha512-${pick(ALNUM, 86)}=="\n"resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "token": "sha512-${pick(ALNUM, 86)}=="`],
    ['a checksum under a secret-sounding name', `secret_sha256 = "${pick('0123456789abcdef', 64)}"`],
    ['a UUID', `api_key = "${[8, 4, 4, 4, 12].map((n) => pick('0123456789abcdef', n)).join('-')}"`],
    ['a data URI', `token: data:image/png;base64,${pick(ALNUM, 60)}`],
    ['a GitHub Actions secret reference', 'token: ${{ secrets.GITHUB_TOKEN }}'],
    ['an environment lookup', "password = os.environ['DB_PASSWORD']\nsecret: process.env.API_SECRET\napi_key = getenv(\"KEY\")"],
    ['a CloudFormation dynamic reference', "MasterUserPassword: '{{resolve:secretsmanager:MyRDSSecret:SecretString:password}}'"],
    ['code that passes a token along', 'const token = await getToken(req);\nthis.password = options.password;\npassword: string = user.password_hash'],
    ['AWS documented example session keys', 'ASIAIOSFODNN7EXAMPLE'],
  ])('does not flag %s', (_name, text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});

describe('findSecrets', () => {
  it('pairs a key id with the secret next to it, decodes its account offline, and keeps the values in memory only', () => {
    const id = keyId();
    const secret = secretKey();
    const [key, ...rest] = findSecrets(`[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
    expect(key).toMatchObject({ rule: 'aws-access-key-id', severity: 'critical', value: id, secretKey: secret, line: 2 });
    expect(key!.accountId).toMatch(/^\d{12}$/);
    expect(rest.map((s) => s.rule)).toEqual(['aws-secret-access-key']);
  });

  it('reports a key id that encodes an impossible (13-digit) account as not genuine: medium, no account, its secret still found', () => {
    const id = `AKIA7${pick(B32, 15)}`;
    const secret = secretKey();
    const [key, ...rest] = findSecrets(`aws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
    expect(key).toMatchObject({ rule: 'aws-access-key-id', severity: 'medium', value: id, secretKey: secret });
    expect(key!.accountId).toBeUndefined();
    expect(key!.notGenuine).toMatch(/13 digits/);
    expect(rest).toMatchObject([{ rule: 'aws-secret-access-key', severity: 'critical' }]);
  });

  it('pairs a temporary key id with its session token', () => {
    const id = keyId('ASIA');
    const token = pick(ALNUM, 400);
    const [key] = findSecrets(`AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secretKey()}\nAWS_SESSION_TOKEN=${token}\n`);
    expect(key?.sessionToken).toBe(token);
  });

  it('finds a bare 40-character secret only near a key id', () => {
    const secret = secretKey();
    expect(findSecrets(`creds = ["${keyId()}", "${secret}"]`).map((s) => s.rule)).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    expect(findSecrets(`creds = ["${secret}"]`)).toEqual([]);
  });

  it('marks a line with bulwark:allow and counts lines across the text', () => {
    const found = findSecrets(`a\nb\ntoken = "${pick(ALNUM, 20)}" # bulwark:allow\n\nGITHUB=ghp_${pick(ALNUM, 36)}\n`);
    expect(found.map((s) => [s.line, s.allowed])).toEqual([[3, true], [5, false]]);
  });

  it('scans bytes that are not UTF-8 (read as latin1)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), Buffer.from(`key: ${keyId()}\n`), Buffer.from([0xe2, 0x82])]);
    expect(findSecrets(bytes.toString('latin1'))).toMatchObject([{ rule: 'aws-access-key-id', line: 2 }]);
  });

  it('stops at a bounded number of secrets in one text', () => {
    const text = Array.from({ length: 500 }, () => `ghp_${pick(ALNUM, 36)}`).join('\n');
    expect(findSecrets(text)).toHaveLength(200);
  });

  // Each text would take minutes with a backtracking pattern; a linear scan reads it in well under the test timeout.
  it.each([
    ['a long word run before an assignment keyword', `${'a'.repeat(2_000_000)}password=`],
    ['repeated keywords with no value', 'password'.repeat(300_000)],
    ['key id prefixes with no end', 'AKIA'.repeat(500_000)],
    ['a base64 run next to key ids', `AKIA${pick(B32, 16)} ${'A/+'.repeat(700_000)}`],
    ['JWT headers with no dots', `eyJ${'eyJ'.repeat(600_000)}`],
    ['JWT segments with no signature', 'eyJ0eXAiOiJKV1QifQ.'.repeat(100_000)],
    ['token prefixes with no end', 'ghp_'.repeat(500_000)],
    ['PEM headers with no body', '-----BEGIN RSA PRIVATE KEY-----\n '.repeat(60_000)],
    ['PuTTY headers with no private lines', 'PuTTY-User-Key-File-2: ssh-rsa\n'.repeat(60_000)],
    ['session token labels before a huge base64 run', `aws_session_token=${'A'.repeat(2_000_000)}`.repeat(2)],
    ['assignments with spaces', 'secret =    '.repeat(150_000)],
  ])('runs in linear time on %s', (_name, text) => {
    expect(findSecrets(text).length).toBeLessThanOrEqual(200);
  });
});

describe('detectInVariables', () => {
  it('flags literal values under secret names, and secret-looking values under any name', () => {
    const id = keyId();
    const hits = detectInVariables({
      DB_PASSWORD: 'hunter2!',
      API_TOKEN_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-AbCdEf',
      SIGNING_SECRET: '{{resolve:ssm-secure:/prod/signing}}',
      LOG_LEVEL: 'debug',
      UPSTREAM: `https://user:${pick(ALNUM, 8)}@example.com?key=${id}`,
    });
    expect(hits).toEqual([
      { type: 'plaintext secret', preview: 'hu… (8 chars)', name: 'DB_PASSWORD' },
      { type: 'AWS access key id', preview: `${id.slice(0, 4)}… (20 chars)`, name: 'UPSTREAM' },
    ]);
  });
});

describe('helpers', () => {
  it('redacts a secret under 20 characters to two characters and its length, a longer one to four', () => {
    expect(redact('supersecretvalue')).toBe('su… (16 chars)');
    expect(redact('Winter2024!!')).toBe('Wi… (12 chars)');
    expect(redact('A'.repeat(19))).toBe('AA… (19 chars)');
    expect(redact('AKIA'.padEnd(20, 'Q'))).toBe('AKIA… (20 chars)');
  });
  it('cuts a stored preview of a short secret to two characters', () => {
    expect(saferPreview('Wint… (12 chars)')).toBe('Wi… (12 chars)');
    expect(saferPreview('q2Vb… (40 chars)')).toBe('q2Vb… (40 chars)');
    expect(saferPreview('something else')).toBe('something else');
  });
  it('measures entropy', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
  });
});
