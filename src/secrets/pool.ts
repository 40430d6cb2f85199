/**
 * Scanning across the cores. Git blobs are read by the scanning threads themselves: each has its
 * own `git cat-file` and is sent only batches of object ids, so blob content never passes
 * through this thread and the decompression runs in as many git processes as there are threads.
 * Files and stdin are packed into batches of about a megabyte, moved (not copied) to a thread.
 * Each batch goes to the least busy thread, and the producer is told to wait while too much is in
 * flight, so memory is bounded by the batches in flight whatever the size of the history.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../core/errors.js';
import { scanBytes, type BlobResult } from './scan-blob.js';
import { CatFile, type CatFileAnswer } from './source/cat-file.js';
import type { CatFileMode } from './source/git-version.js';

/** What a git blob yielded. */
export type GitBlobResult = BlobResult | { readonly skipped: 'missing' | 'huge' };

/**
 * A batch's answer: how many git blobs were read and their bytes, and only the blobs that found
 * something or were skipped (by index in the batch), so the thousands of clean blobs cost nothing
 * to send back or to hand on.
 */
export interface BatchResults {
  blobs: number;
  bytes: number;
  readonly found: [number, BlobResult | GitBlobResult][];
}

export type Batch =
  | { readonly kind: 'bytes'; readonly id: number; readonly buffer: ArrayBuffer; /** End offset of each blob in the buffer. */ readonly ends: number[] }
  | { readonly kind: 'git'; readonly id: number; readonly repo: string; readonly maxBytes: number; readonly mode: CatFileMode; readonly oids: string[] }
  | { readonly kind: 'close' };

export type BatchAnswer =
  | ({ readonly kind: 'results'; readonly id: number } & BatchResults)
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'closed'; readonly message?: string };

const BATCH_BYTES = 1 << 20;
const BATCH_BLOBS = 256;
/** What an object id of unknown size counts for, against the in-flight limit. */
const UNKNOWN_SIZE = 4096;

/** Adds one git blob, as cat-file answered it, to a batch's results. */
export function addAnswer(results: BatchResults, index: number, answer: CatFileAnswer): void {
  if (typeof answer === 'string') {
    results.found.push([index, { skipped: answer }]);
    return;
  }
  results.blobs++;
  results.bytes += answer.length;
  addResult(results, index, scanBytes(answer));
}

export function addResult(results: BatchResults, index: number, result: BlobResult): void {
  if ('skipped' in result || result.secrets.length) results.found.push([index, result]);
}

/** The worker's file next to this one: compiled JavaScript in dist, TypeScript through tsx in tests and benchmarks. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const url = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
}

interface Thread {
  readonly worker: Worker;
  busy: number;
  closed?: (message: string | undefined) => void;
}

export class ScanPool<K> {
  private readonly threads: Thread[] = [];
  private readonly pending = new Map<number, { keys: K[]; bytes: number }>();
  private bytesBatch: { keys: K[]; blobs: Buffer[]; bytes: number } = { keys: [], blobs: [], bytes: 0 };
  private gitBatch: { keys: K[]; oids: string[]; bytes: number } = { keys: [], oids: [], bytes: 0 };
  private repository: { repo: string; maxBytes: number; mode: CatFileMode } | undefined;
  /** With no threads: this thread's own cat-file. */
  private local: CatFile | undefined;
  /** The git blobs read so far, and their bytes. */
  readonly read = { blobs: 0, bytes: 0 };
  private nextId = 0;
  private inFlightBytes = 0;
  private roomWaiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  private failure: Error | undefined;

  /**
   * `threads` 0 scans on this thread (a handful of staged files does not pay for starting workers).
   * `maxInFlightBytes` bounds what is queued for the workers.
   */
  constructor(
    /** Hears of each blob that found something or was skipped; the rest only count in `read`. */
    private readonly onResult: (key: K, result: BlobResult | GitBlobResult) => void,
    private readonly threadCount: number,
    private readonly maxInFlightBytes = 16 * BATCH_BYTES * Math.max(1, threadCount),
  ) {}

  /** Whether the producer should wait (`room()`) before pushing more. */
  get full(): boolean {
    return this.inFlightBytes >= this.maxInFlightBytes;
  }

  /** The repository `pushBlob` reads from, the size above which a blob is passed over, and how this git reads blobs. */
  readFrom(repo: string, maxBytes: number, mode: CatFileMode): void {
    this.repository = { repo, maxBytes, mode };
  }

  /** Bytes to scan (a file, stdin). */
  push(key: K, data: Buffer): void {
    if (this.failure) throw this.failure;
    if (this.threadCount === 0) {
      this.onResult(key, scanBytes(data));
      return;
    }
    this.bytesBatch.keys.push(key);
    this.bytesBatch.blobs.push(data);
    this.bytesBatch.bytes += data.length;
    this.inFlightBytes += data.length;
    if (this.bytesBatch.bytes >= BATCH_BYTES || this.bytesBatch.keys.length >= BATCH_BLOBS) this.sendBytes();
  }

  /** A blob of the repository to read and scan; `size` (when known) keeps batches even. */
  pushBlob(key: K, oid: string, size = UNKNOWN_SIZE): void {
    if (this.failure) throw this.failure;
    this.gitBatch.keys.push(key);
    this.gitBatch.oids.push(oid);
    this.gitBatch.bytes += size;
    this.inFlightBytes += size;
    if (this.gitBatch.bytes >= BATCH_BYTES || this.gitBatch.keys.length >= BATCH_BLOBS) this.sendGit();
  }

  room(): Promise<void> {
    if (!this.full || this.failure) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Sends what is batched, waits for every answer, and stops the threads (and their git processes). */
  async close(): Promise<void> {
    if (this.bytesBatch.keys.length) this.sendBytes();
    if (this.gitBatch.keys.length) this.sendGit();
    if (this.pending.size && !this.failure) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    const closing = this.threads.map((thread) => new Promise<string | undefined>((resolve) => {
      thread.closed = resolve;
      thread.worker.postMessage({ kind: 'close' } satisfies Batch);
    }));
    const messages = await Promise.all(closing);
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    await this.local?.close().catch((error: Error) => this.fail(error));
    const message = messages.find(Boolean);
    if (message) this.fail(new UserError(message));
    if (this.failure) throw this.failure;
  }

  private sendBytes(): void {
    const { keys, blobs, bytes } = this.bytesBatch;
    this.bytesBatch = { keys: [], blobs: [], bytes: 0 };
    // One buffer of its own per batch, so it can be moved to the worker rather than copied.
    const packed = Buffer.from(new ArrayBuffer(bytes));
    const ends: number[] = [];
    let at = 0;
    for (const blob of blobs) {
      blob.copy(packed, at);
      at += blob.length;
      ends.push(at);
    }
    const id = this.track(keys, bytes);
    const thread = this.idlest();
    thread.busy++;
    thread.worker.postMessage({ kind: 'bytes', id, buffer: packed.buffer, ends } satisfies Batch, [packed.buffer]);
  }

  private sendGit(): void {
    const { keys, oids, bytes } = this.gitBatch;
    this.gitBatch = { keys: [], oids: [], bytes: 0 };
    if (!this.repository) throw new Error('pushBlob before readFrom');
    const { repo, maxBytes, mode } = this.repository;
    const id = this.track(keys, bytes);
    if (this.threadCount === 0) {
      this.local ??= new CatFile(repo, maxBytes, mode);
      const results: BatchResults = { blobs: 0, bytes: 0, found: [] };
      this.local.request(oids, (answer, index) => addAnswer(results, index, answer)).then(
        () => this.answered(undefined, { id, ...results }),
        (error: Error) => this.fail(error),
      );
      return;
    }
    const thread = this.idlest();
    thread.busy++;
    thread.worker.postMessage({ kind: 'git', id, repo, maxBytes, mode, oids } satisfies Batch);
  }

  private track(keys: K[], bytes: number): number {
    const id = this.nextId++;
    this.pending.set(id, { keys, bytes });
    return id;
  }

  private idlest(): Thread {
    if (this.threads.length < this.threadCount) {
      const thread: Thread = { worker: startWorker(), busy: 0 };
      thread.worker.on('message', (message: BatchAnswer) => {
        if (message.kind === 'closed') thread.closed?.(message.message);
        else if (message.kind === 'failed') this.fail(new UserError(message.message));
        else this.answered(thread, message);
      });
      thread.worker.on('error', (error) => {
        this.fail(error);
        thread.closed?.(undefined);
      });
      this.threads.push(thread);
      return thread;
    }
    return this.threads.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private answered(thread: Thread | undefined, message: { id: number } & BatchResults): void {
    if (thread) thread.busy--;
    const batch = this.pending.get(message.id);
    if (!batch) return;
    this.pending.delete(message.id);
    this.inFlightBytes -= batch.bytes;
    this.read.blobs += message.blobs;
    this.read.bytes += message.bytes;
    for (const [i, result] of message.found) this.onResult(batch.keys[i]!, result);
    if (!this.full) for (const wake of this.roomWaiters.splice(0)) wake();
    if (this.pending.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.pending.clear();
    for (const wake of [...this.roomWaiters.splice(0), ...this.idleWaiters.splice(0)]) wake();
  }
}
