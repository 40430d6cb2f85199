import type { CallStats } from '../aws/stats.js';
import type { CollectProgress } from '../core/collect.js';
import type { OutputStream } from './io.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A one-line live status on stderr while collecting: tasks done, what is running, API calls, time.
 * Silent unless stderr is a terminal, so logs and pipes stay clean.
 */
export class ProgressLine implements CollectProgress {
  private readonly running = new Set<string>();
  private started = 0;
  private done = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly t0 = performance.now();

  constructor(
    private readonly stream: OutputStream,
    private readonly stats: CallStats,
  ) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  start(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.render(), 120);
    this.timer.unref();
  }

  taskStarted(label: string): void {
    this.started += 1;
    this.running.add(label);
  }

  taskDone(label: string): void {
    this.done += 1;
    this.running.delete(label);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.enabled) this.stream.write('\r\u001b[2K');
  }

  private render(): void {
    const seconds = ((performance.now() - this.t0) / 1000).toFixed(1);
    const current = [...this.running].slice(0, 3).join(', ') + (this.running.size > 3 ? ` +${this.running.size - 3}` : '');
    const spinner = FRAMES[this.frame++ % FRAMES.length] ?? '';
    const columns = (this.stream as { columns?: number }).columns ?? 100;
    const line = `${spinner} Collecting ${this.done}/${this.started} · ${this.stats.totalCalls} API calls · ${seconds}s · ${current}`;
    this.stream.write(`\r\u001b[2K${line.slice(0, columns - 1)}`);
  }
}
