import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectInVariables, detectSecrets, entropy, redact } from './detect.js';

// Synthetic credentials made at test time, so no realistic key is ever committed.
const pick = (alphabet: string, n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const B32 = `${UPPER}234567`;
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const keyId = (prefix = 'AKIA') => prefix + pick(B32, 16);
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
    ['a PEM private key', () => '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...', 'private key (rsa private key)'],
    ['an OpenSSH private key', () => '-----BEGIN OPENSSH PRIVATE KEY-----', 'private key (openssh private key)'],
    ['a GitHub token', () => `ghp_${pick(ALNUM, 36)}`, 'GitHub token'],
    ['a Slack bot token', () => `xoxb-${pick('0123456789', 12)}-${pick(ALNUM, 24)}`, 'Slack token'],
    ['a Stripe live key', () => `sk_live_${pick(ALNUM, 24)}`, 'Stripe live key'],
    ['a password assignment', () => `DB_PASSWORD="${pick(ALNUM, 16)}"`, 'db_password assignment'],
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
  ])('does not flag %s', (_name, text) => {
    expect(detectSecrets(text)).toEqual([]);
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
      { type: 'plaintext secret', preview: 'hunt… (8 chars)', name: 'DB_PASSWORD' },
      { type: 'AWS access key id', preview: `${id.slice(0, 4)}… (20 chars)`, name: 'UPSTREAM' },
    ]);
  });
});

describe('helpers', () => {
  it('redacts to four characters and a length', () => expect(redact('supersecretvalue')).toBe('supe… (16 chars)'));
  it('measures entropy', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
  });
});
