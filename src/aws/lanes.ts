/**
 * The scan's concurrency limit, shared fairly. HTTP attempts wait in lanes, one per collector
 * task (or per service outside one), and a freed slot goes to the next lane in turn: nine hundred
 * per-bucket S3 reads queued first cannot make the credential report, or any other short chain
 * of dependent calls, wait behind them, yet no slot stays idle while anything waits.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const currentLane = new AsyncLocalStorage<string>();

/** Runs `work` with every AWS call it makes (however deep) waiting in the lane `name`. */
export function inLane<T>(name: string, work: () => Promise<T>): Promise<T> {
  return currentLane.run(name, work);
}

/** The lane of the calling code, or `fallback` outside any. */
export function laneOf(fallback: string): string {
  return currentLane.getStore() ?? fallback;
}

/** A first-in first-out queue that does not shift arrays: thousands of waiters cost O(1) each. */
class Queue<T> {
  private items: T[] = [];
  private head = 0;
  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) [this.items, this.head] = [this.items.slice(this.head), 0];
    return item;
  }
}

export class Lanes {
  private active = 0;
  /** Lanes with waiters, in turn order (a Map keeps insertion order). */
  private readonly waiting = new Map<string, Queue<() => void>>();

  constructor(readonly limit: number) {}

  /** Resolves when `lane` has a slot; whoever acquires must `release` it. */
  acquire(lane: string): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let queue = this.waiting.get(lane);
      if (!queue) this.waiting.set(lane, (queue = new Queue()));
      queue.push(resolve);
    });
  }

  /** Hands the slot straight to the first waiter of the next lane, which then goes to the back. */
  release(): void {
    const next = this.waiting.entries().next();
    if (next.done) {
      this.active -= 1;
      return;
    }
    const [lane, queue] = next.value;
    const wake = queue.shift()!;
    this.waiting.delete(lane);
    if (queue.size) this.waiting.set(lane, queue);
    wake();
  }
}
