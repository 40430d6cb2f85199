/**
 * A scanning thread: scans batches of bytes packed in one buffer, and batches of git object ids,
 * which it reads through a `git cat-file` of its own (one per repository) and scans in place.
 */
import { parentPort } from 'node:worker_threads';
import { addAnswer, addResult, type Batch, type BatchAnswer, type BatchResults } from './pool.js';
import { scanBytes } from './scan-blob.js';
import { CatFile } from './source/cat-file.js';

const readers = new Map<string, CatFile>();
const answer = (message: BatchAnswer) => parentPort!.postMessage(message);

parentPort!.on('message', (batch: Batch) => {
  if (batch.kind === 'bytes') {
    const data = Buffer.from(batch.buffer);
    const results: BatchResults = { blobs: 0, bytes: 0, found: [] };
    batch.ends.forEach((end, i) => addResult(results, i, scanBytes(data.subarray(i === 0 ? 0 : batch.ends[i - 1], end))));
    answer({ kind: 'results', id: batch.id, ...results });
  } else if (batch.kind === 'git') {
    let reader = readers.get(batch.repo);
    if (!reader) readers.set(batch.repo, (reader = new CatFile(batch.repo, batch.maxBytes, batch.mode)));
    const results: BatchResults = { blobs: 0, bytes: 0, found: [] };
    reader.request(batch.oids, (blob, index) => addAnswer(results, index, blob)).then(
      () => answer({ kind: 'results', id: batch.id, ...results }),
      (error: Error) => answer({ kind: 'failed', id: batch.id, message: error.message }),
    );
  } else {
    Promise.all([...readers.values()].map((reader) => reader.close())).then(
      () => answer({ kind: 'closed' }),
      (error: Error) => answer({ kind: 'closed', message: error.message }),
    );
  }
});
