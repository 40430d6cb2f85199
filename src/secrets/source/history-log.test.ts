import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, type TestRepo } from '../../../test/support/git-repo.js';
import { missingInHistoryLog, originsInHistoryLog, spillHistoryLog } from './history-log.js';

let repo: TestRepo;
let spillDir: string;
const oids: Record<string, string> = {};
beforeAll(() => {
  repo = makeRepo();
  spillDir = mkdtempSync(join(tmpdir(), 'bulwark-history-log-'));
  repo.write('kept.txt', 'kept\n');
  repo.write('lost.txt', 'lost\n');
  repo.commit('two files');
  repo.write('later.txt', 'later\n');
  repo.commit('a third');
  for (const name of ['kept', 'lost', 'later']) oids[name] = repo.git('rev-parse', `HEAD:${name}.txt`);
  // A damaged store: the history still names the blob.
  rmSync(join(repo.dir, '.git', 'objects', oids.lost!.slice(0, 2), oids.lost!.slice(2)));
});
afterAll(() => {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(spillDir, { recursive: true, force: true });
});

describe('history log', () => {
  it('counts the blobs the history adds that the store lacks, without any blob to look for', async () => {
    const log = spillHistoryLog(repo.dir, ['--all'], join(spillDir, 'missing.log'));
    expect(await missingInHistoryLog(repo.dir, log)).toBe(1);
  });

  it('stops git and fails when aborted, instead of finishing the count', async () => {
    const log = spillHistoryLog(repo.dir, ['--all'], join(spillDir, 'aborted.log'));
    const stop = new AbortController();
    stop.abort();
    await expect(missingInHistoryLog(repo.dir, log, stop.signal)).rejects.toThrow(/git cat-file/);
  });

  it('reads the same log again for the origins of the blobs looked for, and of no other', async () => {
    const log = spillHistoryLog(repo.dir, ['--all'], join(spillDir, 'origins.log'));
    const [missing, origins] = await Promise.all([missingInHistoryLog(repo.dir, log), originsInHistoryLog(log, new Set([oids.later!]))]);
    expect(missing).toBe(1);
    expect([...origins.keys()]).toEqual([oids.later]);
    expect(origins.get(oids.later!)).toMatchObject({ commit: repo.git('rev-parse', 'HEAD'), path: 'later.txt' });
    expect(await originsInHistoryLog(log, new Set())).toEqual(new Map());
  });
});
