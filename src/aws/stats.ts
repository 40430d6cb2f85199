/** Counts every AWS call of a run: for `--stats`, the benchmarks, and the progress line. */
export interface OperationStats {
  calls: number;
  attempts: number;
  throttles: number;
  errors: number;
  totalMs: number;
}

export class CallStats {
  readonly operations = new Map<string, OperationStats>();
  readonly phases = new Map<string, number>();
  private entry(operation: string): OperationStats {
    let entry = this.operations.get(operation);
    if (!entry) {
      entry = { calls: 0, attempts: 0, throttles: 0, errors: 0, totalMs: 0 };
      this.operations.set(operation, entry);
    }
    return entry;
  }

  recordCall(operation: string, ms: number, failed: boolean): void {
    const entry = this.entry(operation);
    entry.calls += 1;
    entry.totalMs += ms;
    if (failed) entry.errors += 1;
  }

  /** One HTTP attempt; several per call when the SDK retries. */
  recordAttempt(operation: string, throttled: boolean): void {
    const entry = this.entry(operation);
    entry.attempts += 1;
    if (throttled) entry.throttles += 1;
  }

  async phase<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.phases.set(name, (this.phases.get(name) ?? 0) + performance.now() - started);
    }
  }

  get totalCalls(): number {
    let total = 0;
    for (const entry of this.operations.values()) total += entry.calls;
    return total;
  }

  toJSON() {
    const operations = [...this.operations]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, entry]) => ({
        operation,
        calls: entry.calls,
        retries: Math.max(0, entry.attempts - entry.calls),
        throttles: entry.throttles,
        errors: entry.errors,
        totalMs: Math.round(entry.totalMs),
      }));
    const phases = Object.fromEntries([...this.phases].map(([name, ms]) => [name, Math.round(ms)]));
    return { totalCalls: this.totalCalls, operations, phasesMs: phases };
  }
}
