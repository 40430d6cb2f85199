import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { makeRepo, type TestRepo } from '../../../test/support/git-repo.js';
import { CatFile, type CatFileAnswer } from './cat-file.js';
import type { CatFileMode } from './git-version.js';

let repo: TestRepo;
const blobs: Record<string, { oid: string; data: Buffer }> = {};

beforeAll(() => {
  repo = makeRepo();
  const contents = {
    small: Buffer.from('token = "abc"\n'),
    empty: Buffer.alloc(0),
    // Larger than one read from the pipe: handed over across chunks.
    large: Buffer.from('x'.repeat(300_000) + '\nend\n'),
    huge: Buffer.alloc(2_000_000, 'y'),
    binary: Buffer.from([0, 1, 2, 10, 255]),
  };
  for (const [name, data] of Object.entries(contents)) {
    repo.write(`${name}.txt`, data);
    blobs[name] = { oid: repo.git('hash-object', '-w', `${name}.txt`), data };
  }
});
afterAll(() => rmSync(repo.dir, { recursive: true, force: true }));

/** What each id yields, as text (answers are valid only during the call). */
async function read(reader: CatFile, oids: string[]): Promise<string[]> {
  const answers: string[] = [];
  await reader.request(oids, (answer: CatFileAnswer, index) => (answers[index] = typeof answer === 'string' ? answer : text(answer)));
  return answers;
}
const text = (data: Buffer) => `bytes:${data.toString('latin1')}`;

describe.each<CatFileMode>(['batch-command', 'batch'])('CatFile with --%s', (mode) => {
  it('answers every id in order: contents, missing, or over the size limit', async () => {
    const reader = new CatFile(repo.dir, 1_000_000, mode);
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const { small, empty, large, huge, binary } = blobs as Record<string, { oid: string; data: Buffer }>;
    const first = await read(reader, [small!.oid, missing, huge!.oid, large!.oid, empty!.oid]);
    // A second batch on the same process, to a reader already past a huge blob.
    const second = await read(reader, [binary!.oid, small!.oid]);
    await reader.close();
    expect(first).toEqual([text(small!.data), 'missing', 'huge', text(large!.data), text(empty!.data)]);
    expect(second).toEqual([text(binary!.data), text(small!.data)]);
  });

  it('answers batches asked for before the first is answered, each in full', async () => {
    const reader = new CatFile(repo.dir, 1_000_000, mode);
    const ids = Object.values(blobs).map((b) => b.oid);
    const answers = await Promise.all([read(reader, ids), read(reader, ids.slice(1)), read(reader, [])]);
    await reader.close();
    const expected = Object.values(blobs).map((b) => (b.data.length > 1_000_000 ? 'huge' : text(b.data)));
    expect(answers).toEqual([expected, expected.slice(1), []]);
  });
});
