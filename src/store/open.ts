import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { FolderStore } from './folder.js';
import type { HistoryStore } from './store.js';

export interface StoreOptions {
  /** `--store postgres://…` */
  readonly store?: string;
  /** `--history-dir DIR` */
  readonly historyDir?: string;
}

export function defaultHistoryDir(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || homedir(), '.bulwark', 'history');
}

/** The store the options name, migrated: the schema is brought up to date on first use. */
export async function openStore(options: StoreOptions, env: NodeJS.ProcessEnv): Promise<HistoryStore> {
  if (options.store && options.historyDir) throw new UserError('--store and --history-dir both name where history goes: pass only one');
  let store: HistoryStore;
  if (options.store) {
    const { isPostgresUrl, connectPostgres, PostgresStore } = await import('./postgres.js');
    if (!isPostgresUrl(options.store)) throw new UserError('--store must be a postgres:// URL (for a local folder use --history-dir)');
    store = new PostgresStore(await connectPostgres(options.store), options.store);
  } else store = new FolderStore(options.historyDir ?? defaultHistoryDir(env));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
