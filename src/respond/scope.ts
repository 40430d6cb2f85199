/**
 * The scope of an incident: what the suspect did (their CloudTrail events, summarised, with the
 * detect rules applied), what exists now that did not before `since` (from live reads), what it
 * costs, and what could not be read. Plain data, saved to the evidence folder and read back by
 * `respond --contain` so a containment plan is built from exactly what the user saw.
 */
import { z } from 'zod';

export const SCOPE_SCHEMA_VERSION = 1;

const timestamp = z.iso.datetime({ offset: true });

/** Every kind of thing respond looks for; `kind` names the AWS noun, as inventory types do. */
export const SCOPE_KINDS = [
  'iam-user',
  'iam-access-key',
  'iam-login-profile',
  'iam-role',
  'iam-policy',
  'iam-policy-version',
  'ec2-instance',
  'ec2-spot-request',
  'ec2-launch-template',
  'ec2-key-pair',
  'ec2-security-group',
  'ec2-security-group-rule',
  'ec2-snapshot',
  'ec2-image',
  'lambda-function',
  'lambda-layer',
  'ecs-service',
  's3-bucket-policy',
  'organizations-account',
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const scopeItemSchema = z
  .object({
    kind: z.enum(SCOPE_KINDS),
    /** The stable id AWS gives it: user name, access key id, instance id, sg rule id… */
    id: z.string().min(1),
    arn: z.string().optional(),
    /** A region, or `global` for IAM and Organizations. */
    region: z.string(),
    /** When it was made (or, for a bucket policy, when CloudTrail saw it changed). */
    createdAt: timestamp,
    /** The principal ARN that made it, where a CloudTrail event tells. */
    createdBy: z.string().optional(),
    /** The eventID of that event, so the report can link the item to the timeline. */
    eventId: z.string().optional(),
    /** The owner for things that hang off another resource: the user of a key, the group of a rule. */
    parent: z.string().optional(),
    /** Why it matters, in words: `trusted by foreign account 999999999999`, `0.0.0.0/0 on tcp/22`, `public`. */
    notes: z.array(z.string()).default([]),
    /** Facts the containment plan needs (instance volumes, sharing, state), as read. */
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
  })
  .strict();
export type ScopeItem = z.infer<typeof scopeItemSchema>;

/** A read that failed: the kind stays UNKNOWN in that region, never "none found". */
export const unreadableSchema = z
  .object({ kind: z.string(), region: z.string(), permission: z.string().optional(), reason: z.string() })
  .strict();
export type Unreadable = z.infer<typeof unreadableSchema>;

/** The suspect's calls, counted by service and action (eventSource / eventName). */
export const activitySchema = z
  .object({
    source: z.enum(['lookup', 'trail-logs', 's3', 'none']),
    events: z.number().int().min(0),
    firstTime: timestamp.optional(),
    lastTime: timestamp.optional(),
    byAction: z.array(z.object({ service: z.string(), action: z.string(), count: z.number().int().min(1), errors: z.number().int().min(0), regions: z.array(z.string()) }).strict()),
    /** The detect alerts the suspect's events raised, as `detect --format json` writes them. */
    alerts: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();
export type Activity = z.infer<typeof activitySchema>;

/** Daily unblended cost by service, from Cost Explorer: the last 14 days against the 30 before. */
export const costSchema = z
  .object({
    currency: z.string(),
    recentDays: z.number().int(),
    baselineDays: z.number().int(),
    byService: z.array(z.object({ service: z.string(), recentPerDay: z.number(), baselinePerDay: z.number() }).strict()),
  })
  .strict();
export type Cost = z.infer<typeof costSchema>;

export const scopeSchema = z
  .object({
    kind: z.literal('bulwark-respond-scope'),
    schemaVersion: z.literal(SCOPE_SCHEMA_VERSION),
    generator: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    account: z.object({ id: z.string().regex(/^\d{12}$/), partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']), callerArn: z.string().optional() }).strict(),
    source: z.enum(['live', 'demo']),
    since: timestamp,
    readAt: timestamp,
    regions: z.array(z.string()),
    /** What the user named (`--access-key`, `--principal`, the actors of `--from alerts.json`), and the principals those keys acted as. */
    suspect: z.object({ accessKeys: z.array(z.string()), principals: z.array(z.string()) }).strict(),
    activity: activitySchema,
    items: z.array(scopeItemSchema),
    cost: costSchema.optional(),
    unreadable: z.array(unreadableSchema),
  })
  .strict();
export type Scope = z.infer<typeof scopeSchema>;
