/** Builders for fix plans: the live access keys (ListAccessKeys) that match a credential report. */
import { collected } from '../core/fact.js';
import type { CredentialReportRow, Inventory } from '../inventory/schema.js';
import { withReport } from './builders.js';

/** `AKIA` + the user name + the slot, 20 characters: readable ids for test plans. */
export function keyId(user: string, slot: 1 | 2): string {
  return `AKIA${user.toUpperCase().replace(/[^A-Z0-9]/g, '')}${slot}`.padEnd(20, '0').slice(0, 20);
}

/** A credential report and the ListAccessKeys view of its active keys (ids from keyId). */
export function withLiveKeys(rows: CredentialReportRow[]): Inventory {
  const base = withReport(rows);
  const keys = Object.fromEntries(
    rows.map((row) => [
      row.user,
      row.accessKeys.flatMap((key, i) => (key.active && typeof key.lastRotated === 'string' && key.lastRotated.includes('T') ? [{ id: keyId(row.user, (i + 1) as 1 | 2), active: true, createdAt: key.lastRotated }] : [])),
    ]),
  );
  return { ...base, iam: { ...base.iam, accessKeys: collected(keys) } };
}
