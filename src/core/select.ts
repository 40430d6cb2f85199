import type { Check } from './check.js';
import { UserError } from './errors.js';
import { closest } from '../lib/text.js';
import { isSeverity, type Severity } from './severity.js';
import { isChecklistId } from '../compliance/checklist.js';
import type { DataKey } from '../collectors/keys.js';

export interface CheckFilter {
  readonly checks?: readonly string[];
  readonly excludeChecks?: readonly string[];
  readonly services?: readonly string[];
  readonly severities?: readonly string[];
  readonly checklist?: readonly string[];
}

/** The checks a filter keeps. Every name in it must exist, so a typo never silently scans nothing. */
export function selectChecks(all: readonly Check[], given: CheckFilter): Check[] {
  const filter = caseless(given);
  const ids = new Set(all.map((c) => c.id));
  const services = new Set(all.map((c) => c.service));
  const unknownIds = [...(filter.checks ?? []), ...(filter.excludeChecks ?? [])].filter((id) => !ids.has(id));
  if (unknownIds.length) {
    const guess = unknownIds.length === 1 ? closest(unknownIds[0]!, [...ids]) : undefined;
    throw new UserError(`unknown check ${unknownIds.join(', ')}: ${guess ? `did you mean ${guess}? ` : ''}see bulwark checks list`);
  }
  const unknownServices = (filter.services ?? []).filter((s) => !services.has(s));
  if (unknownServices.length) throw new UserError(`unknown service ${unknownServices.join(', ')}: Bulwark checks ${[...services].sort().join(', ')}`);
  const badSeverities = (filter.severities ?? []).filter((s) => !isSeverity(s));
  if (badSeverities.length) throw new UserError(`unknown severity ${badSeverities.join(', ')}: use critical, high, medium, low or info`);
  const badItems = (filter.checklist ?? []).filter((item) => !isChecklistId(item));
  if (badItems.length) throw new UserError(`unknown checklist item ${badItems.join(', ')}: see bulwark checks list for the items (AS-01 … AS-47, AS-M1 … AS-M3)`);

  const keep = <T>(values: readonly T[] | undefined, value: T) => !values?.length || values.includes(value);
  return all.filter(
    (check) =>
      keep(filter.checks, check.id) &&
      !filter.excludeChecks?.includes(check.id) &&
      keep(filter.services, check.service) &&
      keep(filter.severities as readonly Severity[] | undefined, check.severity) &&
      (!filter.checklist?.length || check.checklist.some((item) => filter.checklist?.includes(item))),
  );
}

/** Ids, services and severities are lower case and checklist items upper case, whatever was typed. */
function caseless(filter: CheckFilter): CheckFilter {
  const lower = (values: readonly string[] | undefined) => values?.map((v) => v.toLowerCase());
  return {
    ...(filter.checks ? { checks: lower(filter.checks)! } : {}),
    ...(filter.excludeChecks ? { excludeChecks: lower(filter.excludeChecks)! } : {}),
    ...(filter.services ? { services: lower(filter.services)! } : {}),
    ...(filter.severities ? { severities: lower(filter.severities)! } : {}),
    ...(filter.checklist ? { checklist: filter.checklist.map((v) => v.toUpperCase()) } : {}),
  };
}

export function neededData(checks: readonly Check[]): Set<DataKey> {
  return new Set(checks.flatMap((check) => check.needs));
}
