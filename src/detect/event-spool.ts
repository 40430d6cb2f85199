/**
 * The events alerts keep in full, held as JSON text outside the heap while a run reads its logs
 * and parsed back when the report is made. A noisy run keeps tens of thousands of them (about
 * 1 KiB of text, more as objects, each), all alive until the end; as objects they cost the heap
 * their size and half again in growth room. The text is buffered, and only a run that keeps more
 * than a buffer's worth writes it to a temporary file, which is unlinked as soon as it is open.
 * The events are redacted before they get here: the file holds what the report will.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Event } from './sigma/fields.js';

const BUFFER_BYTES = 1024 * 1024;

/** Stands in an alert's list of events for one that is spooled, until `restore` puts it back. */
const SPOOLED: Event = Object.freeze({});

export class EventSpool {
  /** Allocated on the first event kept: most runs keep none. */
  private buffer = Buffer.alloc(0);
  private used = 0;
  private fd: number | undefined;
  private dir: string | undefined;
  private written = 0;
  /** Where each spooled event ends in the text, and the list and place it goes back to. */
  private readonly ends: number[] = [];
  private readonly places: { list: Event[]; at: number }[] = [];

  /** Appends `event` to `list` (in place, through a stand-in until `restore`). */
  keep(list: Event[], event: Event): void {
    const text = JSON.stringify(event);
    const bytes = Buffer.byteLength(text);
    if (this.used + bytes > this.buffer.length) {
      this.writeOut();
      if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(bytes, BUFFER_BYTES));
    }
    this.used += this.buffer.write(text, this.used);
    this.ends.push(this.written + this.used);
    this.places.push({ list, at: list.length });
    list.push(SPOOLED);
  }

  /** Puts every spooled event back in its list, and lets go of the text. */
  restore(): void {
    try {
      const text = this.fd === undefined ? this.buffer : this.readAll();
      let start = 0;
      this.ends.forEach((end, i) => {
        const { list, at } = this.places[i]!;
        list[at] = JSON.parse(text.toString('utf8', start, end)) as Event;
        start = end;
      });
    } finally {
      this.buffer = Buffer.alloc(0);
      this.ends.length = 0;
      this.places.length = 0;
      this.used = 0;
      this.written = 0;
      this.close();
    }
  }

  private writeOut(): void {
    if (!this.used) return;
    if (this.fd === undefined) ({ fd: this.fd, dir: this.dir } = openPrivateFile());
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buffer, done, this.used - done, this.written + done);
    this.written += this.used;
    this.used = 0;
  }

  /** The file and the buffer's tail, as one text. */
  private readAll(): Buffer {
    const data = Buffer.allocUnsafe(this.written + this.used);
    let done = 0;
    while (done < this.written) {
      const n = readSync(this.fd!, data, done, this.written - done, done);
      if (!n) throw new Error('the spool of kept events is shorter than what was written to it');
      done += n;
    }
    this.buffer.copy(data, this.written, 0, this.used);
    return data;
  }

  private close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    // Gone already where the system let an open file go; elsewhere (Windows) it can go now.
    rmSync(this.dir!, { recursive: true, force: true });
  }
}

/** A file only this process can reach, in a private directory removed at once where the system lets an open file go, else on close. */
function openPrivateFile(): { fd: number; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-detect-'));
  const fd = openSync(join(dir, 'kept-events.jsonl'), 'w+', 0o600);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Windows keeps an open file: the directory goes when the spool closes it.
  }
  return { fd, dir };
}
