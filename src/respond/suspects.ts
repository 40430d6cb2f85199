/** Who the suspects are: `--access-key`, `--principal`, and the actors of a `detect --format json` report (`--from`). */
import { UserError } from '../core/errors.js';
import { severityRank } from '../core/severity.js';
import { readTextFile } from '../lib/yaml-file.js';
import { parseTime } from '../cli/commands/detect.js';
import { ACCESS_KEY_ID, isPrincipalArn } from './principals.js';

export interface Suspects {
  readonly accessKeys: string[];
  readonly principals: string[];
  /** The earliest alert of the report, when it came from one: the default start. */
  readonly earliest?: string;
  /**
   * Alerts over several principals (a password spray): the users they name are mostly targets,
   * not intruders, so they are not made suspects (denying them all would lock out the innocent);
   * they are named for the user to choose from with --principal.
   */
  readonly several?: readonly { readonly title: string; readonly principals: readonly string[] }[];
}

export function checkSuspects(accessKeys: readonly string[], principals: readonly string[]): void {
  for (const key of accessKeys) if (!ACCESS_KEY_ID.test(key)) throw new UserError(`--access-key ${key}: not an access key id (AKIA or ASIA and 16 letters or digits)`);
  for (const arn of principals) if (!isPrincipalArn(arn)) throw new UserError(`--principal ${arn}: not a user, role, assumed-role or root ARN such as arn:aws:iam::123456789012:user/bob`);
}

/** The actors of the report's alerts at medium or above (low and info alerts name ordinary traffic too). */
export async function suspectsFromAlerts(path: string): Promise<Suspects> {
  const text = await readTextFile(path, 'alerts report');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError(`--from ${path}: not JSON; give a report of bulwark detect --format json`);
  }
  const alerts = (json as { alerts?: unknown } | null)?.alerts;
  if (!Array.isArray(alerts)) throw new UserError(`--from ${path}: no "alerts" list; give a report of bulwark detect --format json`);
  const principals = new Set<string>();
  const accessKeys = new Set<string>();
  let earliest: string | undefined;
  const several: { title: string; principals: string[] }[] = [];
  for (const alert of alerts as Record<string, unknown>[]) {
    const level = typeof alert?.level === 'string' ? alert.level : 'info';
    if (!['critical', 'high', 'medium', 'low', 'info'].includes(level) || severityRank(level as 'medium') < severityRank('medium')) continue;
    const actor = (alert.actor ?? {}) as Record<string, unknown>;
    const named = Array.isArray(actor.principals) ? actor.principals.filter((p): p is string => typeof p === 'string' && isPrincipalArn(p)) : [];
    if (named.length > 1) several.push({ title: typeof alert.title === 'string' ? alert.title : typeof alert.ruleId === 'string' ? alert.ruleId : 'an alert', principals: named });
    else if (typeof actor.principal === 'string' && isPrincipalArn(actor.principal)) principals.add(actor.principal);
    if (typeof actor.accessKeyId === 'string' && /^AKIA[A-Z0-9]{16}$/.test(actor.accessKeyId)) accessKeys.add(actor.accessKeyId);
    if (typeof alert.firstTime === 'string' && !Number.isNaN(Date.parse(alert.firstTime)) && (!earliest || alert.firstTime < earliest)) earliest = alert.firstTime;
  }
  return { accessKeys: [...accessKeys].sort(), principals: [...principals].sort(), ...(earliest ? { earliest } : {}), ...(several.length ? { several } : {}) };
}

/** `--since 72h`, `--since 2026-11-20`, `--since 2026-11-20T09:00:00Z`: never in the future. */
export function parseSince(value: string, now: Date): Date {
  const ms = parseTime('--since', value, now);
  if (ms > now.getTime()) throw new UserError(`--since ${value}: that is in the future`);
  return new Date(ms);
}
