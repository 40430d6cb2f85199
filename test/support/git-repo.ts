/** Real git repositories in temporary folders, built with the git command line, for the secrets tests. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

let clock = Date.UTC(2024, 0, 1) / 1000;

export interface TestRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  /** Stages everything and commits, one simulated day after the previous commit. */
  commit(message: string, author?: string): string;
}

export function makeRepo(dir = mkdtempSync(join(tmpdir(), 'bulwark-git-'))): TestRepo {
  const git = (...args: string[]) => {
    clock += 86_400;
    const date = `${clock} +0000`;
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } }).trim();
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Alice');
  git('config', 'user.email', 'alice@example.com');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    commit(message, author) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message, ...(author ? ['--author', author] : []));
      return git('rev-parse', 'HEAD');
    },
  };
}

// Synthetic credentials made at test time, so no realistic key is ever committed.
const pick = (alphabet: string, n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const B32 = `${UPPER}234567`;
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;

/** A key id whose encoded account is `account` (the inverse of accountOfKeyId). */
export function keyIdFor(account: string, prefix = 'AKIA'): string {
  const z = (BigInt(account) << 7n) | BigInt(randomBytes(1)[0]! & 0x7f);
  let bits = (z << 2n) | BigInt(randomBytes(1)[0]! & 3);
  let encoded = '';
  for (let i = 0; i < 10; i++) {
    encoded = B32[Number(bits & 31n)] + encoded;
    bits >>= 5n;
  }
  return `${prefix}${encoded}${pick(B32, 6)}`;
}
export const secretKey = () => `${pick(UPPER, 2)}${pick('abcdefghijklmnopqrstuvwxyz', 2)}${pick('0123456789', 2)}${pick(`${ALNUM}/+`, 34)}`;
export const githubToken = () => `ghp_${pick(ALNUM, 36)}`;
export const password = () => `${pick(ALNUM, 14)}!`;
