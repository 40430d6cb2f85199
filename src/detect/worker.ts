/** A detect worker thread: compiles the rules once, then scans the files it is sent. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { reasonOf, type TimeRange } from '../logs/cloudtrail-files.js';
import { createMatcher, loadRules } from './engine.js';
import { scanFile, type FileResult, type Slim } from './scan-file.js';
import type { RuleSource } from './sigma/load.js';
import type { SlimMatches } from './slim.js';

export interface WorkerInit {
  readonly sources: readonly RuleSource[];
  readonly wanted: readonly number[];
  readonly range: TimeRange;
}

export interface WorkerTask {
  readonly id: number;
  /** A local file to read, or the bytes of an object already fetched. */
  readonly path?: string;
  readonly data?: Uint8Array;
}

/** From the main thread once matches of some rules may be sent cut down (see slim.ts). */
export interface WorkerSlim {
  readonly slim: SlimMatches;
}

export type WorkerReply = { readonly id: number } & ({ readonly result: FileResult } | { readonly unreadable: string });

const init = workerData as WorkerInit;
const wanted = new Set(init.wanted);
const index = createMatcher(loadRules(init.sources), (i) => wanted.has(i));

let slim: Slim | undefined;

parentPort!.on('message', (message: WorkerTask | WorkerSlim) => {
  if ('slim' in message) return void (slim = { ...message.slim, rules: new Set(message.slim.rules) });
  const task = message;
  let reply: WorkerReply;
  try {
    const data = task.data ?? readFileSync(task.path!);
    reply = { id: task.id, result: scanFile(index, data, init.range, slim) };
  } catch (error) {
    reply = { id: task.id, unreadable: reasonOf(error) };
  }
  parentPort!.postMessage(reply);
});
