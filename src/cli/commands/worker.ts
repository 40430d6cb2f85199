/** `bulwark worker --queue postgres://…`: runs queued account scans until stopped (SIGINT, SIGTERM). */
import { CallStats } from '../../aws/stats.js';
import { startWorker } from '../../queue/worker.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { UserError } from '../../core/errors.js';
import type { Io } from '../io.js';
import type { LiveOptions } from '../live.js';
import { connectOrgReader } from '../org-reader.js';
import { neutralise } from '../../lib/text.js';
import { boundHeapGrowth } from '../../lib/heap-growth.js';

export interface WorkerCommandOptions extends LiveOptions {
  readonly queue: string;
  readonly accountConcurrency: number;
}

export async function workerCommand(options: WorkerCommandOptions, io: Io, signal?: AbortSignal): Promise<number> {
  if (!isPostgresUrl(options.queue)) throw new UserError('--queue must be a postgres:// URL');
  boundHeapGrowth();
  const { read } = await connectOrgReader(options, io, new CallStats());
  const worker = await startWorker({ url: options.queue, accountConcurrency: options.accountConcurrency, read, log: (line) => io.stderr.write(`${neutralise(line)}\n`) });
  io.stderr.write(`Worker ${worker.name} is taking account jobs, ${options.accountConcurrency} at a time (Ctrl-C to stop after the jobs in hand)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  io.stderr.write('Stopping: finishing the jobs in hand\n');
  await worker.stop();
  return 0;
}
