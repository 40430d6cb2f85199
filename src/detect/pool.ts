/**
 * Worker threads that scan files in parallel, one per core by default. Each worker holds at most
 * two files (one being scanned, one queued), so memory is bounded by the files in flight whatever
 * the corpus. With zero workers the files are scanned on the calling thread.
 */
import { Worker } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { reasonOf } from '../logs/cloudtrail-files.js';
import { createMatcher, loadRules } from './engine.js';
import type { RuleIndex } from './rule-index.js';
import { scanFile } from './scan-file.js';
import type { SlimMatches } from './slim.js';
import type { WorkerInit, WorkerReply, WorkerSlim, WorkerTask } from './worker.js';

const PER_WORKER = 2;
/**
 * A worker's young generation: a file's records live only while it is matched, so a small one
 * costs no measurable CPU and keeps each worker about 20 MiB smaller than V8's default.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Run from the TypeScript sources (tests, the bench), a worker registers tsx before loading its module. */
function fromSources(init: WorkerInit): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: init, resourceLimits: RESOURCE_LIMITS });
}

type Job = Omit<WorkerTask, 'id'>;

interface Slot {
  worker: Worker;
  busy: number;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { job: Job; resolve: (r: WorkerReply) => void }[] = [];
  private readonly pending = new Map<number, { slot: Slot; resolve: (r: WorkerReply) => void }>();
  private nextId = 0;
  private local?: RuleIndex;

  constructor(
    workers: number,
    private readonly init: WorkerInit,
  ) {
    if (workers === 0) {
      const wanted = new Set(init.wanted);
      this.local = createMatcher(loadRules(init.sources), (i) => wanted.has(i));
    }
    for (let i = 0; i < workers; i++) this.slots.push(this.spawn());
  }

  /** How many files the pool wants in flight to keep every worker busy. */
  get capacity(): number {
    return Math.max(1, this.slots.length * PER_WORKER);
  }

  scan(job: Job): Promise<WorkerReply> {
    if (this.local) return this.scanHere(job);
    return new Promise((resolve) => {
      this.waiting.push({ job, resolve });
      this.dispatch();
    });
  }

  /**
   * Files dispatched from now on may send matches of these rules cut down. Only a file dispatched
   * later is affected (a worker reads its messages in order), and files are dispatched in the order
   * they are applied. A worker that replaces a crashed one sends whole matches: always correct.
   */
  slim(matches: SlimMatches): void {
    for (const { worker } of this.slots) worker.postMessage({ slim: matches } satisfies WorkerSlim);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private async scanHere(job: Job): Promise<WorkerReply> {
    const id = this.nextId++;
    try {
      const data = job.data ?? (await readFile(job.path!));
      return { id, result: scanFile(this.local!, data, this.init.range) };
    } catch (error) {
      return { id, unreadable: reasonOf(error) };
    }
  }

  private spawn(): Slot {
    const worker = import.meta.url.endsWith('.ts') ? fromSources(this.init) : new Worker(new URL('./worker.js', import.meta.url), { workerData: this.init, resourceLimits: RESOURCE_LIMITS });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.pending.get(reply.id);
      if (!entry) return;
      this.pending.delete(reply.id);
      slot.busy--;
      entry.resolve(reply);
      this.dispatch();
    });
    worker.on('error', (error) => this.replace(slot, error));
    return slot;
  }

  /** A crashed worker fails only its own files; a fresh one takes its place. */
  private replace(slot: Slot, error: Error): void {
    for (const [id, entry] of this.pending) {
      if (entry.slot !== slot) continue;
      this.pending.delete(id);
      entry.resolve({ id, unreadable: `the worker scanning it failed: ${error.message}` });
    }
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots[at] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    while (this.waiting.length) {
      const slot = this.slots.reduce((best, s) => (s.busy < best.busy ? s : best), this.slots[0]!);
      if (slot.busy >= PER_WORKER) return;
      const { job, resolve } = this.waiting.shift()!;
      const id = this.nextId++;
      slot.busy++;
      this.pending.set(id, { slot, resolve });
      const task: WorkerTask = { id, ...job };
      // Only a buffer the bytes own whole can move; a slice of a shared pool is copied instead.
      const movable = job.data && job.data.byteOffset === 0 && job.data.byteLength === job.data.buffer.byteLength;
      slot.worker.postMessage(task, movable ? [job.data.buffer as ArrayBuffer] : []);
    }
  }
}
