/**
 * The journal: JSON Lines, append-only, hash-chained. Each line after the first carries the SHA-256
 * of the previous line's exact text, so an edited, dropped or reordered line is detected by
 * `verifyJournal`. Lines are written one at a time and flushed to disk before the next call runs.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { sha256 } from './fingerprint.js';
import { journalEntrySchema, type JournalEntry } from './schema.js';
import '../lib/zod-messages.js';

type Unchained<E> = E extends unknown ? Omit<E, 'prev'> : never;

export class Journal {
  private queue: Promise<void> = Promise.resolve();
  private seq: number;

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
    private last: string | undefined,
    lastSeq: number,
  ) {
    this.seq = lastSeq;
  }

  /** Opens (creating it if need be) a journal to append to; an existing one must verify first. */
  static async open(path: string): Promise<Journal> {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw new UserError(`cannot read the journal ${path}: ${error.code ?? String(error)}`);
    });
    const lines = splitLines(text);
    const checked = verifyJournal(lines);
    if (!checked.ok) throw new UserError(`the journal ${path} does not verify (line ${checked.line}: ${checked.reason}); refusing to append to it`);
    const file = await open(path, 'a').catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`cannot write the journal ${path}: ${error.code ?? String(error)}`);
    });
    return new Journal(path, file, lines.at(-1), Math.max(0, ...checked.entries.map((e) => e.seq)));
  }

  /** The next sequence number (every entry but `start` takes one; a step's number names it for undo). */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Appends one entry, chained to the line before; concurrent appends are written in call order. */
  append(entry: Unchained<JournalEntry>): Promise<void> {
    const write = this.queue.then(async () => {
      const line = JSON.stringify(this.last === undefined ? entry : { ...entry, prev: sha256(this.last) });
      await this.file.write(`${line}\n`);
      await this.file.sync();
      this.last = line;
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.file.close();
  }
}

function splitLines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

export type Verified = { ok: true; entries: JournalEntry[] } | { ok: false; line: number; reason: string; entries: JournalEntry[] };

/** Checks every line parses, matches the schema, and chains to the line before it. */
export function verifyJournal(lines: readonly string[]): Verified {
  const entries: JournalEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const fail = (reason: string): Verified => ({ ok: false, line: i + 1, reason, entries });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return fail('not JSON');
    }
    const parsed = journalEntrySchema.safeParse(value);
    if (!parsed.success) return fail(`not a journal entry (${parsed.error.issues[0]?.path.join('.') || 'entry'}: ${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const prev = (parsed.data as { prev?: string }).prev;
    if (i === 0 && prev !== undefined) return fail('the first line names a previous line: lines before it were removed');
    if (i > 0 && prev !== sha256(lines[i - 1] ?? '')) return fail('the hash of the previous line does not match: a line was edited, removed or reordered');
    entries.push(parsed.data as JournalEntry);
  }
  return { ok: true, entries };
}

/** Reads and verifies a journal file; a journal that does not verify is refused with the line at fault. */
export async function readJournal(path: string): Promise<JournalEntry[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`cannot read the journal ${path}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? String(error))}`);
  });
  const checked = verifyJournal(splitLines(text));
  if (!checked.ok) throw new UserError(`the journal ${path} does not verify at line ${checked.line}: ${checked.reason}`);
  if (checked.entries.length === 0) throw new UserError(`the journal ${path} is empty: nothing was applied`);
  return checked.entries;
}
