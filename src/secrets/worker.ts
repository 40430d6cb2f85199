/** A scanning thread: receives batches of blobs packed in one buffer, answers with what each held. */
import { parentPort } from 'node:worker_threads';
import { scanBytes } from './scan-blob.js';
import type { Batch, BatchResult } from './pool.js';

parentPort!.on('message', (batch: Batch) => {
  const data = Buffer.from(batch.buffer);
  const results = batch.ends.map((end, i) => scanBytes(data.subarray(i === 0 ? 0 : batch.ends[i - 1], end)));
  parentPort!.postMessage({ id: batch.id, results } satisfies BatchResult);
});
