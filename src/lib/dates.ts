import type { ReportDate } from '../inventory/schema.js';

const DAY = 86_400_000;

/** A credential-report date that is a real timestamp (not N/A or one of IAM's markers). */
export function isTimestamp(date: ReportDate | undefined): date is string {
  return typeof date === 'string' && date !== 'no_information' && date !== 'not_supported';
}

/** Whole days from `date` to `now`. */
export function daysSince(date: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(date).getTime()) / DAY);
}

export function day(date: string): string {
  return date.slice(0, 10);
}
