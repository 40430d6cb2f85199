/**
 * One `git cat-file` process, asked for blobs a batch of ids at a time; it answers in order.
 * With `--batch-command` it writes a batch's blobs in large buffered writes, flushed at the end
 * of the batch (git-version.ts). A blob that lies within one chunk read from the pipe is handed over in place, without a
 * copy; only a blob split across chunks is copied, into a buffer of its size. Blobs over the size
 * limit are passed over (and reported as such) without being kept.
 */
import { UserError } from '../../core/errors.js';
import { exited, firstLineOf, gitSpawn, type GitChild } from './git-process.js';
import type { CatFileMode } from './git-version.js';

/** A blob's bytes (valid only during the call), or why there are none. */
export type CatFileAnswer = Buffer | 'missing' | 'huge';

interface Request {
  readonly count: number;
  answered: number;
  readonly each: (answer: CatFileAnswer, index: number) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class CatFile {
  private readonly child: GitChild;
  private readonly queue: Request[] = [];
  private readonly exit: Promise<number>;
  private readonly stderr: Promise<string>;
  private header = '';
  /** A blob split across chunks, being filled. */
  private partial: { data: Buffer; filled: number } | undefined;
  /** Bytes still to pass over: the rest of a huge blob, then its newline. */
  private skip = 0;
  private failure: Error | undefined;

  constructor(
    private readonly repo: string,
    private readonly maxBytes: number,
    private readonly mode: CatFileMode = 'batch',
  ) {
    // The caller knows which id it asked for: the header needs only the size (git 2.39 asserts
    // when a --batch-command format lacks the type). A missing one is `<id> missing`.
    const format = mode === 'batch-command' ? ['--batch-command=%(objecttype) %(objectsize)', '--buffer'] : ['--batch=%(objectsize)'];
    this.child = gitSpawn(repo, ['cat-file', ...format], 'pipe');
    this.stderr = firstLineOf(this.child.stderr);
    this.child.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.child.stdin.on('error', () => {}); // a git that died is reported by its exit code
    this.exit = exited(this.child).then(
      async (code) => {
        if (this.queue.length) this.fail(await this.error(code));
        return code;
      },
      (error: Error) => {
        this.fail(error);
        return -1;
      },
    );
  }

  /** Calls `each` with every blob asked for, in order; resolves once all are answered. */
  request(oids: readonly string[], each: (answer: CatFileAnswer, index: number) => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (oids.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ count: oids.length, answered: 0, each, resolve, reject });
      this.child.stdin.write(this.mode === 'batch-command' ? `contents ${oids.join('\ncontents ')}\nflush\n` : `${oids.join('\n')}\n`);
    });
  }

  /** Ends the process; rejects when git failed. */
  async close(): Promise<void> {
    this.child.stdin.end();
    const code = await this.exit;
    if (this.failure) throw this.failure;
    if (code !== 0) throw await this.error(code);
  }

  private async error(code: number): Promise<Error> {
    return new UserError(`git cat-file failed in ${this.repo}: ${(await this.stderr) || `exit code ${code}`}`);
  }

  private read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skip) {
        const n = Math.min(this.skip, chunk.length - at);
        this.skip -= n;
        at += n;
      } else if (this.partial) {
        const { data } = this.partial;
        const n = Math.min(data.length - this.partial.filled, chunk.length - at);
        chunk.copy(data, this.partial.filled, at, at + n);
        this.partial.filled += n;
        at += n;
        if (this.partial.filled === data.length) {
          this.partial = undefined;
          this.skip = 1;
          this.answer(data);
        }
      } else {
        const nl = chunk.indexOf(10, at);
        if (nl === -1) {
          this.header += chunk.toString('latin1', at);
          return;
        }
        const line = this.header + chunk.toString('latin1', at, nl);
        this.header = '';
        at = nl + 1;
        const size = sizeIn(line);
        if (size === undefined) {
          this.answer('missing');
          continue;
        }
        if (size > this.maxBytes) {
          this.skip = size + 1;
          this.answer('huge');
        } else if (at + size <= chunk.length) {
          const data = chunk.subarray(at, at + size);
          at += size;
          this.skip = 1;
          this.answer(data);
        } else this.partial = { data: Buffer.allocUnsafe(size), filled: 0 };
      }
    }
  }

  private answer(answer: CatFileAnswer): void {
    const request = this.queue[0];
    if (!request) {
      this.fail(new UserError(`git cat-file in ${this.repo} answered more than it was asked`));
      return;
    }
    try {
      request.each(answer, request.answered++);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (request.answered === request.count) {
      this.queue.shift();
      request.resolve();
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const request of this.queue.splice(0)) request.reject(this.failure);
    this.child.stdout.removeAllListeners('data');
    this.child.kill();
  }
}

/** The size in a header, `1234` or `blob 1234`; none in `<id> missing` (or `ambiguous`). */
function sizeIn(header: string): number | undefined {
  const size = /^(?:[a-z]+ )?(\d+)$/.exec(header)?.[1];
  return size === undefined ? undefined : Number(size);
}
