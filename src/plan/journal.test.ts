import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal, verifyJournal } from './journal.js';
import { sha256 } from './fingerprint.js';
import type { PlannedStep } from './schema.js';

const parse = (line: string | undefined) => JSON.parse(line ?? '') as { prev?: string; seq: number };

const dir = mkdtempSync(join(tmpdir(), 'bulwark-journal-'));
const step: PlannedStep = {
  key: 'iam:deactivate-access-key:AKIA1',
  title: 'Deactivate access key AKIA…0001 of alice',
  before: 'Active',
  after: 'Inactive',
  calls: [{ action: 'iam:UpdateAccessKey', region: 'global', input: { UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Inactive' } }],
  undo: [{ action: 'iam:UpdateAccessKey', region: 'global', input: { UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Active' } }],
  risk: 'safe',
  findings: [{ id: 'f1', checkId: 'iam-user-access-keys-used', resource: { id: 'arn', type: 'AwsIamAccessKey', region: 'global' }, message: 'stale', fingerprint: '0'.repeat(64) }],
};

async function write(path: string, steps = 3) {
  const journal = await Journal.open(path);
  await journal.append({ type: 'start', seq: 0, time: '2026-11-01T12:00:00.000Z', callerArn: 'arn:aws:iam::123456789012:user/fixer', account: '123456789012', operation: 'apply', planDigest: 'd' });
  // Appended concurrently, written in call order.
  await Promise.all(
    Array.from({ length: steps }, () => {
      const seq = journal.nextSeq();
      return journal.append({ type: 'step', seq, time: '2026-11-01T12:00:01.000Z', callerArn: 'arn:aws:iam::123456789012:user/fixer', operation: 'apply', step, calls: [{ ...step.calls[0]!, ok: true }], outcome: 'applied' });
    }),
  );
  await journal.close();
  return readFileSync(path, 'utf8').trim().split('\n');
}

describe('journal', () => {
  it('chains every line to the one before with SHA-256, and verifies', async () => {
    const lines = await write(join(dir, 'a.jsonl'));
    expect(lines).toHaveLength(4);
    expect(parse(lines[0])).not.toHaveProperty('prev');
    for (let i = 1; i < lines.length; i++) expect(parse(lines[i]).prev).toBe(sha256(lines[i - 1]!));
    expect(lines.map((l) => parse(l).seq)).toEqual([0, 1, 2, 3]);
    expect(verifyJournal(lines)).toMatchObject({ ok: true });
    expect(await readJournal(join(dir, 'a.jsonl'))).toHaveLength(4);
  });

  it('detects an edited, removed or reordered line, and refuses to append to such a journal', async () => {
    const path = join(dir, 'b.jsonl');
    const lines = await write(path);
    const edited = [...lines];
    edited[2] = edited[2]!.replace('"applied"', '"failed"');
    expect(verifyJournal(edited)).toMatchObject({ ok: false, line: 4 });
    expect(verifyJournal([lines[0]!, lines[2]!, lines[3]!])).toMatchObject({ ok: false, line: 2 });
    expect(verifyJournal([lines[0]!, lines[2]!, lines[1]!, lines[3]!])).toMatchObject({ ok: false, line: 2 });
    const cut = verifyJournal(lines.slice(1));
    expect(cut).toMatchObject({ ok: false, line: 1 });
    expect(!cut.ok && cut.reason).toMatch(/lines before it were removed/);
    expect(verifyJournal([...lines, '{not json'])).toMatchObject({ ok: false, line: 5, reason: 'not JSON' });
    writeFileSync(path, `${edited.join('\n')}\n`);
    await expect(Journal.open(path)).rejects.toThrow(/does not verify \(line 4: .*refusing to append/);
    await expect(readJournal(path)).rejects.toThrow(/does not verify at line 4/);
  });

  it('appends to an existing journal, continuing the chain and the numbering', async () => {
    const path = join(dir, 'c.jsonl');
    const first = await write(path, 1);
    const again = await write(path, 1);
    expect(again.slice(0, first.length)).toEqual(first);
    expect(again.map((l) => parse(l).seq)).toEqual([0, 1, 0, 2]);
    expect(verifyJournal(again).ok).toBe(true);
  });

  it('names a missing or empty journal', async () => {
    await expect(readJournal(join(dir, 'none.jsonl'))).rejects.toThrow(/cannot read the journal .*none.jsonl: no such file/);
    writeFileSync(join(dir, 'empty.jsonl'), '');
    await expect(readJournal(join(dir, 'empty.jsonl'))).rejects.toThrow(/is empty/);
  });
});
