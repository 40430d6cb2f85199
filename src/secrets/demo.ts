/**
 * `bulwark secrets --demo`: a throwaway repository with synthetic secrets where real ones hide:
 * deleted from HEAD, only on a tag, only in a merge's conflict resolution, and one still present.
 * The values are random at each run: none is a real credential.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from './source/git-process.js';

const pick = (alphabet: string, n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export async function demoRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-secrets-demo-'));
  const run = async (...args: string[]) => {
    await git(dir, ['-c', 'user.name=Demo Developer', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', ...args]);
  };
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };
  const commit = async (message: string) => {
    await run('add', '-A');
    await run('commit', '-q', '-m', message);
  };
  await git(dir, ['init', '-q', '-b', 'main']);
  await write('README.md', '# demo service\n');
  await write('app/settings.py', 'DEBUG = False\nDB_HOST = "db.internal"\n');
  await commit('first version');
  // The key id's first character after AKIA holds the account's top bits: these keep it a genuine 12-digit account.
  await write('deploy/env.sh', `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIA${pick('ABCDEFGHQRSTUVWX', 1)}${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 15)}\nexport AWS_SECRET_ACCESS_KEY=${pick(ALNUM, 38)}/+\n`);
  await commit('deploy script');
  await run('rm', '-q', 'deploy/env.sh');
  await commit('remove the deploy script (the key stays in history)');
  await run('checkout', '-q', '-b', 'spike');
  await write('spike.md', `notes; token ghp_${pick(ALNUM, 36)}\n`);
  await commit('spike');
  await run('tag', 'spike-1');
  await run('checkout', '-q', 'main');
  await run('branch', '-q', '-D', 'spike');
  await write('app/settings.py', `DEBUG = False\nDB_HOST = "db.internal"\nDB_PASSWORD = "${pick(ALNUM, 16)}"\n`);
  await commit('settings');
  return dir;
}
