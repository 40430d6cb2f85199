/**
 * Both history stores list scans in the order they were begun. Scan ids name only the second, so
 * two scans begun in one second must not be ordered by their random suffix. The PostgreSQL half
 * runs against a real server (scripts/test-postgres.sh sets BULWARK_TEST_DATABASE_URL).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderStore } from './folder.js';
import { connectPostgres, PostgresStore } from './postgres.js';
import type { HistoryStore, ScanRecord } from './store.js';

const URL = process.env.BULWARK_TEST_DATABASE_URL;

// Begun in this order within one second; the suffixes sort the other way.
const IDS = ['20261102T101500Z-ffff', '20261102T101500Z-8000', '20261102T101500Z-0000'];
const record = (id: string): ScanRecord => ({ id, startedAt: '2026-11-02T10:15:00.000Z', status: 'running', source: 'live', plan: { accounts: [], settings: {} } });

async function beginAll(store: HistoryStore): Promise<string[]> {
  await store.migrate();
  for (const id of IDS) await store.beginScan(record(id));
  return (await store.listScans(10)).map((s) => s.id);
}

describe('scans are listed newest first, in the order they were begun', () => {
  it('in a history folder', async () => {
    const store = new FolderStore(await mkdtemp(join(tmpdir(), 'bulwark-store-order-')));
    expect(await beginAll(store)).toEqual([...IDS].reverse());
    expect((await store.listScans(2)).map((s) => s.id)).toEqual([IDS[2], IDS[1]]);
  });

  it('in a history folder written before the sequence existed: numbered in id order, new scans after them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulwark-store-legacy-'));
    const { mkdir, writeFile } = await import('node:fs/promises');
    for (const id of ['20261101T000000Z-aaaa', '20261101T000001Z-0001']) {
      await mkdir(join(dir, id, 'accounts'), { recursive: true });
      await writeFile(join(dir, id, 'scan.json'), JSON.stringify({ record: record(id) }));
    }
    await writeFile(join(dir, 'VERSION'), '1\n');
    const store = new FolderStore(dir);
    expect(await beginAll(store)).toEqual([...IDS].reverse().concat('20261101T000001Z-0001', '20261101T000000Z-aaaa'));
  });

  describe.skipIf(!URL)('in PostgreSQL', () => {
    const admin = new pg.Client({ connectionString: URL });
    afterAll(() => admin.end());

    it('by the scans.seq column', async () => {
      await admin.connect();
      const name = `bulwark_store_order_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new globalThis.URL(URL!);
      url.pathname = `/${name}`;
      const store = new PostgresStore(await connectPostgres(url.toString()), url.toString());
      try {
        expect(await beginAll(store)).toEqual([...IDS].reverse());
        // Beginning a scan again (a resumed run) keeps its place.
        await store.beginScan(record(IDS[0]!));
        expect((await store.listScans(10)).map((s) => s.id)).toEqual([...IDS].reverse());
      } finally {
        await store.close();
      }
    });
  });
});
