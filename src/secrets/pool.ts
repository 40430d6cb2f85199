/**
 * Scanning across the cores: blobs are packed into batches of about a megabyte, each batch goes to
 * the least busy worker thread, and the producer is told to wait while too much is in flight, so
 * memory is bounded by the batches in flight whatever the size of the history.
 */
import { Worker } from 'node:worker_threads';
import { scanBytes, type BlobResult } from './scan-blob.js';

export interface Batch {
  readonly id: number;
  readonly buffer: ArrayBuffer;
  /** End offset of each blob in the buffer. */
  readonly ends: number[];
}
export interface BatchResult {
  readonly id: number;
  readonly results: BlobResult[];
}

const BATCH_BYTES = 1 << 20;
const BATCH_BLOBS = 256;

/** The worker's file next to this one: compiled JavaScript in dist, TypeScript through tsx in tests and benchmarks. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const url = new URL('./worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`, { eval: true });
}

export class ScanPool<K> {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, { keys: K[]; bytes: number }>();
  private batch: { keys: K[]; blobs: Buffer[]; bytes: number } = { keys: [], blobs: [], bytes: 0 };
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
    private readonly onResult: (key: K, result: BlobResult) => void,
    private readonly threads: number,
    private readonly maxInFlightBytes = 16 * BATCH_BYTES * Math.max(1, threads),
  ) {}

  /** Whether the producer should wait (`room()`) before pushing more. */
  get full(): boolean {
    return this.inFlightBytes >= this.maxInFlightBytes;
  }

  push(key: K, data: Buffer): void {
    if (this.failure) throw this.failure;
    if (this.threads === 0) {
      this.onResult(key, scanBytes(data));
      return;
    }
    this.batch.keys.push(key);
    this.batch.blobs.push(data);
    this.batch.bytes += data.length;
    this.inFlightBytes += data.length;
    if (this.batch.bytes >= BATCH_BYTES || this.batch.keys.length >= BATCH_BLOBS) this.send();
  }

  room(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Sends what is batched, waits for every answer, and stops the workers. */
  async close(): Promise<void> {
    if (this.batch.keys.length) this.send();
    if (this.pending.size) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    if (this.failure) throw this.failure;
  }

  private send(): void {
    const { keys, blobs, bytes } = this.batch;
    this.batch = { keys: [], blobs: [], bytes: 0 };
    // One buffer of its own per batch, so it can be moved to the worker rather than copied.
    const packed = Buffer.from(new ArrayBuffer(bytes));
    const ends: number[] = [];
    let at = 0;
    for (const blob of blobs) {
      blob.copy(packed, at);
      at += blob.length;
      ends.push(at);
    }
    const id = this.nextId++;
    this.pending.set(id, { keys, bytes });
    const target = this.idlest();
    target.busy++;
    target.worker.postMessage({ id, buffer: packed.buffer, ends } satisfies Batch, [packed.buffer]);
  }

  private idlest(): { worker: Worker; busy: number } {
    if (this.workers.length < this.threads) {
      const entry = { worker: startWorker(), busy: 0 };
      entry.worker.on('message', (message: BatchResult) => this.answered(entry, message));
      entry.worker.on('error', (error) => this.fail(error));
      this.workers.push(entry);
      return entry;
    }
    return this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private answered(entry: { busy: number }, message: BatchResult): void {
    entry.busy--;
    const batch = this.pending.get(message.id)!;
    this.pending.delete(message.id);
    this.inFlightBytes -= batch.bytes;
    message.results.forEach((result, i) => this.onResult(batch.keys[i]!, result));
    if (!this.full) for (const wake of this.roomWaiters.splice(0)) wake();
    if (this.pending.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private fail(error: Error): void {
    this.failure = error;
    this.pending.clear();
    for (const wake of [...this.roomWaiters.splice(0), ...this.idleWaiters.splice(0)]) wake();
  }
}
