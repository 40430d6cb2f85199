/**
 * Who the suspect is, as a test on CloudTrail records: its access keys (and the session keys it
 * got from STS with them), its principals (a user, a role's sessions, root). With no suspect
 * named, every write call since T is taken instead, so the scope still shows what was changed.
 */
import { actorOf } from '../../detect/alert.js';
import type { CloudTrailRecord } from '../../logs/records.js';

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** STS calls whose answer is a new key that acts for the caller. */
const SESSION_EVENTS = new Set(['AssumeRole', 'GetSessionToken', 'GetFederationToken', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']);

export class Suspect {
  readonly keys: Set<string>;
  /** Session keys learnt from the suspect's STS calls, in the order found. */
  readonly sessionKeys: string[] = [];

  constructor(
    accessKeys: readonly string[],
    readonly principals: readonly string[],
  ) {
    this.keys = new Set(accessKeys);
  }

  get named(): boolean {
    return this.keys.size > 0 || this.principals.length > 0;
  }

  /** IAM user names among the principals: LookupEvents can narrow to them. */
  get userNames(): string[] {
    return this.principals.flatMap((p) => {
      const m = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(p);
      return m ? [m[1]!] : [];
    });
  }

  /** Principals LookupEvents cannot narrow to (roles, root): their events are picked from all events. */
  get unnarrowable(): boolean {
    return this.principals.some((p) => !/:user\//.test(p));
  }

  /** Whether the record is the suspect's; learns the session keys its STS calls returned. */
  matches(record: CloudTrailRecord): boolean {
    if (!this.named) return isWrite(record);
    const who = obj(record.userIdentity);
    const key = typeof who.accessKeyId === 'string' ? who.accessKeyId : undefined;
    const issuer = obj(obj(obj(who.sessionContext).sessionIssuer)).arn;
    const principal = actorOf(record).principal;
    const mine = (key !== undefined && this.keys.has(key)) || this.principals.includes(principal) || (typeof issuer === 'string' && this.principals.includes(issuer));
    if (mine && SESSION_EVENTS.has(record.eventName as string)) {
      const issued = obj(obj(record.responseElements).credentials).accessKeyId;
      if (typeof issued === 'string' && !this.keys.has(issued)) {
        this.keys.add(issued);
        this.sessionKeys.push(issued);
      }
    }
    return mine;
  }
}

/**
 * The principals that acted with the suspect's keys: the user a stolen key belongs to, or the role
 * behind a session. They are suspects too, so containment denies them (and revokes role sessions).
 */
export function actingPrincipals(records: readonly CloudTrailRecord[], suspect: Suspect): string[] {
  const found = new Set<string>();
  for (const record of records) {
    const who = obj(record.userIdentity);
    if (typeof who.accessKeyId !== 'string' || !suspect.keys.has(who.accessKeyId)) continue;
    const issuer = obj(obj(obj(who.sessionContext).sessionIssuer)).arn;
    const principal = who.type === 'AssumedRole' && typeof issuer === 'string' ? issuer : actorOf(record).principal;
    if (principal.startsWith('arn:')) found.add(principal);
  }
  return [...found];
}

/** A call that changed something: CloudTrail's readOnly flag, or the verb when a record lacks it. */
export function isWrite(record: CloudTrailRecord): boolean {
  if (typeof record.readOnly === 'boolean') return !record.readOnly;
  return !/^(Get|List|Describe|Head|Lookup|Search|Batch[GD]et)/.test(record.eventName as string);
}
