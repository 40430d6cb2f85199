/** `bulwark history list|show|trend|migrate` and `bulwark diff SCAN SCAN`: the stored scans. */
import { UserError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { Severity } from '../../core/severity.js';
import { diffExitCode, diffReports, type ScanDiff } from '../../diff/diff.js';
import { countsText, neutralise, plural } from '../../lib/text.js';
import { reportJsonChunks } from '../../core/report-stream.js';
import { openStore, type StoreOptions } from '../../store/open.js';
import type { HistoryStore, StoredScan } from '../../store/store.js';
import { colorsFor, type Io } from '../io.js';

type TableOrJson = { readonly format: 'table' | 'json' };

async function withStore<T>(options: StoreOptions, io: Io, run: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await openStore(options, io.env);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

export function historyMigrate(options: StoreOptions, io: Io): Promise<number> {
  // openStore migrates; a second run applies nothing.
  return withStore(options, io, async (store) => {
    const again = await store.migrate();
    io.stdout.write(`History store ${store.location} is up to date${again.length ? ` (applied ${again.join(', ')})` : ''}\n`);
    return 0;
  });
}

export function historyList(options: StoreOptions & TableOrJson & { limit: number }, io: Io): Promise<number> {
  return withStore(options, io, async (store) => {
    const scans = await store.listScans(options.limit);
    if (options.format === 'json') {
      io.stdout.write(`${JSON.stringify(scans.map(({ plan, ...rest }) => ({ ...rest, plannedAccounts: plan.accounts.length })), null, 2)}\n`);
      return 0;
    }
    if (!scans.length) {
      io.stdout.write(`No scans in ${store.location} yet: run bulwark scan --org\n`);
      return 0;
    }
    io.stdout.write(`Scans in ${store.location}\n`);
    for (const s of scans) {
      const state = s.status === 'complete' ? '' : ` (${s.status}: ${s.accounts}/${s.plan.accounts.length} accounts in; --resume it with --queue)`;
      io.stdout.write(`  ${s.id}  ${s.source.padEnd(4)}  ${String(s.accounts).padStart(5)} accounts  ${s.counts ? countsText(s.counts) : ''}${state}\n`);
    }
    return 0;
  });
}

async function mustGet(store: HistoryStore, id: string): Promise<StoredScan> {
  const scan = await store.getScan(id);
  if (!scan) throw new UserError(`no scan ${id} in ${store.location}: see bulwark history list`);
  return scan;
}

export function historyShow(id: string, options: StoreOptions & TableOrJson & { account?: string }, io: Io): Promise<number> {
  return withStore(options, io, async (store) => {
    const scan = await mustGet(store, id);
    if (options.format === 'json') {
      if (!scan.header) throw new UserError(`scan ${id} is not complete: its findings document is written when every account is in`);
      for await (const chunk of reportJsonChunks(scan.header, store.findings(id, options.account))) io.stdout.write(chunk);
      return 0;
    }
    const c = colorsFor(io.stdout, io.env);
    const accounts = options.account ? scan.accounts.filter((a) => a.id === options.account) : scan.accounts;
    io.stdout.write(`${c.bold(`Scan ${id}`)} · ${scan.record.source} · started ${scan.record.startedAt} · ${scan.record.status}${scan.header ? ` · ${countsText(scan.header.summary)}` : ''}\n`);
    for (const a of accounts) {
      const outcome = a.status === 'scanned' ? countsText(a.counts) : c.yellow(`${a.status}: ${neutralise(a.reason ?? '')}`);
      io.stdout.write(`  ${a.id}  ${neutralise(a.name).slice(0, 32).padEnd(32)}  ${outcome}\n`);
    }
    return 0;
  });
}

/** Per account: new, resolved and unchanged failures between two stored scans. */
export function historyDiff(oldId: string, newId: string, options: StoreOptions & { format: 'console' | 'json' | 'markdown'; failOnNew?: Severity }, io: Io): Promise<number> {
  return withStore(options, io, async (store) => {
    const [before, after] = [await mustGet(store, oldId), await mustGet(store, newId)];
    const oldAccounts = new Map(before.accounts.map((a) => [a.id, a]));
    const diffs: { account: string; name: string; diff: ScanDiff }[] = [];
    let code = 0;
    for (const account of after.accounts) {
      const earlier = oldAccounts.get(account.id);
      if (!earlier) continue;
      const doc = async (scan: StoredScan, regions: readonly string[]) => ({
        schemaVersion: 1 as const,
        account: { id: account.id, partition: 'aws' as const },
        evaluatedAt: scan.header?.evaluatedAt ?? scan.record.startedAt,
        checks: [...(scan.header?.checks ?? [])],
        regions: { scanned: [...regions], skipped: [] },
        findings: await collect(store.findings(scan.record.id, account.id)),
      });
      type Doc = Parameters<typeof diffReports>[0];
      const diff = diffReports((await doc(before, earlier.regions)) as unknown as Doc, (await doc(after, account.regions)) as unknown as Doc);
      diffs.push({ account: account.id, name: account.name, diff });
      code = Math.max(code, diffExitCode(diff, options.failOnNew));
    }
    const onlyNew = after.accounts.filter((a) => !oldAccounts.has(a.id)).map((a) => a.id);
    const gone = before.accounts.filter((a) => !after.accounts.some((b) => b.id === a.id)).map((a) => a.id);
    if (options.format === 'json') {
      io.stdout.write(`${JSON.stringify({ old: oldId, new: newId, accounts: diffs, accountsOnlyInNew: onlyNew, accountsOnlyInOld: gone }, null, 2)}\n`);
      return code;
    }
    const c = colorsFor(io.stdout, io.env);
    const md = options.format === 'markdown';
    const lines = [md ? `## Bulwark diff ${oldId} → ${newId}` : c.bold(`Bulwark diff ${oldId} → ${newId}`), ''];
    if (md) lines.push('| Account | Name | New | Resolved | Unchanged |', '|---|---|---:|---:|---:|');
    for (const { account, name, diff } of diffs) {
      const s = diff.summary;
      if (md) lines.push(`| ${account} | ${neutralise(name)} | ${s.new} | ${s.resolved} | ${s.unchanged} |`);
      else {
        lines.push(`${account} ${c.dim(neutralise(name))}: ${s.new ? c.red(`${s.new} new`) : '0 new'} · ${s.resolved ? c.green(`${s.resolved} resolved`) : '0 resolved'} · ${s.unchanged} unchanged`);
        for (const f of diff.newFindings) lines.push(`  ${c.red('+')} ${f.severity.padEnd(8)} ${f.checkId}  ${neutralise(f.message)}`);
        for (const f of diff.resolved) lines.push(`  ${c.green('-')} ${f.severity.padEnd(8)} ${f.checkId}  ${neutralise(f.message)}`);
      }
    }
    if (onlyNew.length) lines.push('', `Only in the new scan (not compared): ${onlyNew.join(', ')}`);
    if (gone.length) lines.push('', `Only in the old scan (not compared): ${gone.join(', ')}`);
    io.stdout.write(`${lines.join('\n')}\n`);
    return code;
  });
}

/** Failures per check per account in each of the last N complete scans. */
export function historyTrend(options: StoreOptions & TableOrJson & { last: number; account?: string }, io: Io): Promise<number> {
  return withStore(options, io, async (store) => {
    const scans = (await store.listScans(10_000)).filter((s) => s.status === 'complete').slice(0, options.last).reverse();
    if (scans.length < 2) throw new UserError(`a trend needs at least two complete scans; ${store.location} has ${plural(scans.length, 'complete scan')}`);
    // account → check → failures per scan (by position)
    const table = new Map<string, Map<string, number[]>>();
    for (const [i, scan] of scans.entries()) {
      for await (const f of store.findings(scan.id, options.account)) {
        if (f.status !== 'FAIL') continue;
        const checks = table.get(f.resource.account) ?? new Map<string, number[]>();
        const row = checks.get(f.checkId) ?? scans.map(() => 0);
        row[i]! += 1;
        checks.set(f.checkId, row);
        table.set(f.resource.account, checks);
      }
    }
    if (options.format === 'json') {
      const rows = [...table].flatMap(([account, checks]) => [...checks].map(([checkId, failures]) => ({ account, checkId, failures })));
      io.stdout.write(`${JSON.stringify({ scans: scans.map((s) => s.id), rows }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`Failures per check per account over ${scans.length} scans (${scans[0]!.id} → ${scans.at(-1)!.id})\n`);
    for (const [account, checks] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
      io.stdout.write(`${account}\n`);
      for (const [checkId, failures] of [...checks].sort(([a], [b]) => a.localeCompare(b))) {
        const first = failures[0]!;
        const last = failures.at(-1)!;
        const arrow = last > first ? '↑' : last < first ? '↓' : '→';
        io.stdout.write(`  ${arrow} ${checkId.padEnd(48)} ${failures.join(' → ')}\n`);
      }
    }
    return 0;
  });
}

async function collect(findings: AsyncIterable<Finding>): Promise<Finding[]> {
  const out: Finding[] = [];
  for await (const f of findings) out.push(f);
  return out;
}
