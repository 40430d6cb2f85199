import { parse } from 'csv-parse/sync';
import type { CredentialReportRow, ReportDate } from '../../inventory/schema.js';

const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];

/**
 * Parses IAM's credential report CSV (including the `<root_account>` row) into typed rows, one
 * row at a time: a row that cannot be read is kept as `unreadable` (that user's findings become
 * UNKNOWN), never a reason to lose everyone's.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...records] = parse(csv, { columns: false, skip_empty_lines: true, trim: true, relax_column_count: true, relax_quotes: true });
  if (!header) return [];
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length) throw new Error(`credential report lacks columns ${missing.join(', ')}`);
  return records.map((fields, index) => {
    const line = index + 2;
    const r = toRecord(header, fields);
    if (!r) return unreadable(fields, `line ${line} has ${fields.length} fields where the header has ${header.length}`);
    try {
      return toRow(r);
    } catch (error) {
      return unreadable(fields, `line ${line}: ${(error as Error).message}`);
    }
  });
}

/**
 * IAM does not quote its fields, and a user name may hold commas (legal in IAM): the name then
 * spans extra fields in both the user and the arn column. It is put back together when the arn
 * ends with the name so rebuilt; any other count of fields is unreadable.
 */
function toRecord(header: readonly string[], fields: readonly string[]): Record<string, string> | undefined {
  const extra = fields.length - header.length;
  if (extra < 0 || extra % 2 !== 0) return undefined;
  const commas = extra / 2;
  const user = fields.slice(0, commas + 1).join(',');
  const arn = fields.slice(commas + 1, 2 * commas + 2).join(',');
  if (commas > 0 && !arn.endsWith(`/${user}`)) return undefined;
  const rest = fields.slice(2 * commas + 2);
  return Object.fromEntries(header.map((column, i) => [column, i === 0 ? user : i === 1 ? arn : (rest[i - 2] ?? '')]));
}

function toRow(r: Record<string, string>): CredentialReportRow {
  return {
    user: r.user ?? '',
    arn: r.arn ?? '',
    userCreationTime: date(r.user_creation_time),
    passwordEnabled: r.password_enabled === 'not_supported' ? 'not_supported' : bool(r.password_enabled),
    passwordLastUsed: date(r.password_last_used),
    passwordLastChanged: date(r.password_last_changed),
    passwordNextRotation: date(r.password_next_rotation),
    mfaActive: bool(r.mfa_active),
    accessKeys: [accessKey(r, 1), accessKey(r, 2)],
    certificates: [
      { active: bool(r.cert_1_active), lastRotated: date(r.cert_1_last_rotated) },
      { active: bool(r.cert_2_active), lastRotated: date(r.cert_2_last_rotated) },
    ],
  };
}

/** A row kept only to name its user: every check that reads it says UNKNOWN. */
function unreadable(fields: readonly string[], reason: string): CredentialReportRow {
  const arn = fields.find((f) => f.startsWith('arn:')) ?? '';
  const user = arn.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : (fields[0] ?? '');
  const key = { active: false, lastRotated: null, lastUsedDate: null, lastUsedRegion: null, lastUsedService: null };
  return {
    user,
    arn,
    userCreationTime: null,
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    passwordNextRotation: null,
    mfaActive: false,
    accessKeys: [key, key],
    certificates: [
      { active: false, lastRotated: null },
      { active: false, lastRotated: null },
    ],
    unreadable: reason,
  };
}

function accessKey(r: Record<string, string>, n: 1 | 2): CredentialReportRow['accessKeys'][number] {
  return {
    active: bool(r[`access_key_${n}_active`]),
    lastRotated: date(r[`access_key_${n}_last_rotated`]),
    lastUsedDate: date(r[`access_key_${n}_last_used_date`]),
    lastUsedRegion: text(r[`access_key_${n}_last_used_region`]),
    lastUsedService: text(r[`access_key_${n}_last_used_service`]),
  };
}

function bool(value: string | undefined): boolean {
  return value === 'true';
}

function text(value: string | undefined): string | null {
  return !value || value === 'N/A' ? null : value;
}

/** `N/A` means "never" or "no such key"; the two markers mean IAM cannot tell. */
function date(value: string | undefined): ReportDate {
  if (!value || value === 'N/A') return null;
  if (value === 'no_information' || value === 'not_supported') return value;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new Error(`unreadable date "${value}"`);
  return parsed.toISOString();
}
