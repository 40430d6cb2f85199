import { parse } from 'csv-parse/sync';
import type { CredentialReportRow, ReportDate } from '../../inventory/schema.js';

const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];

/** Parses IAM's credential report CSV (including the `<root_account>` row) into typed rows. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const records = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, trim: true });
  const first = records[0];
  if (first) {
    const missing = REQUIRED_COLUMNS.filter((column) => !(column in first));
    if (missing.length) throw new Error(`credential report lacks columns ${missing.join(', ')}`);
  }
  return records.map((r) => ({
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
  }));
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
  if (Number.isNaN(parsed.getTime())) throw new Error(`credential report has an unreadable date "${value}"`);
  return parsed.toISOString();
}
