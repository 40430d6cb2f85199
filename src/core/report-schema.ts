/**
 * The findings document (`--format json`) as a zod schema: schemas/report.schema.json is generated
 * from it for the machines that ingest reports, `bulwark diff` validates what it reads with it,
 * and a test parses real reports with it strictly, so it cannot drift from the TypeScript types.
 */
import { z } from 'zod';
import { STATUSES } from './check.js';
import { notCollectedSchema } from './fact.js';
import { SEVERITIES } from './severity.js';
import { inventorySchema } from '../inventory/schema.js';
import { configSchema } from '../config/schema.js';

const status = z.enum(STATUSES);
const counts = z.partialRecord(status, z.number().int());

export const findingSchema = z
  .object({
    id: z.string().describe('stable across scans: derived from check, account, region and resource only'),
    checkId: z.string(),
    title: z.string(),
    service: z.string(),
    severity: z.enum(SEVERITIES),
    checklist: z.array(z.string()),
    status,
    message: z.string(),
    resource: z
      .object({
        id: z.string().describe('the ARN, or the closest stable id'),
        type: z.string().describe('ASFF resource type, e.g. AwsIamUser'),
        name: z.string().optional(),
        region: z.string().describe('a region, or global for account-wide resources'),
        account: z.string(),
        tags: z.record(z.string(), z.string()).optional(),
      })
      .strict(),
    remediation: z.object({ text: z.string(), cli: z.string().optional(), url: z.string() }).strict(),
    notCollected: notCollectedSchema.optional().describe('why the check could not tell, for UNKNOWN findings'),
    suppression: z
      .object({ status, reason: z.string(), expires: z.string().optional(), rule: z.string().describe('file:line of the suppression entry') })
      .strict()
      .optional()
      .describe('set on SUPPRESSED findings: the check\'s own verdict and the accepted reason'),
  })
  .strict();

const requirementStatus = z.enum([...STATUSES, 'NOT_SELECTED']);

export const reportSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('bulwark'), version: z.string() }).strict(),
    source: z.enum(['live', 'inventory', 'demo']),
    account: inventorySchema.shape.account,
    collectedAt: z.string(),
    evaluatedAt: z.string(),
    regions: inventorySchema.shape.regions,
    checks: z.array(z.string()),
    failOn: z.enum([...SEVERITIES, 'none']),
    config: configSchema,
    summary: z.record(status, z.number().int()),
    checklist: z.array(
      z
        .object({
          id: z.string(),
          section: z.string(),
          title: z.string(),
          status: z.enum([...STATUSES, 'NOT_SELECTED', 'NOT_YET_CHECKED']),
          checks: z.array(z.string()),
          counts,
        })
        .strict(),
    ),
    missingPermissions: z.array(z.object({ permission: z.string(), regions: z.array(z.string()) }).strict()),
    findings: z.array(findingSchema),
    suppressions: z
      .object({
        file: z.string(),
        entries: z.array(
          z
            .object({ rule: z.string(), reason: z.string(), expires: z.string().optional(), state: z.enum(['active', 'expired', 'stale']), findings: z.number().int() })
            .strict(),
        ),
      })
      .strict()
      .optional(),
    compliance: z
      .object({
        id: z.string(),
        title: z.string(),
        version: z.string(),
        requirements: z.array(
          z
            .object({
              id: z.string(),
              section: z.string(),
              title: z.string(),
              automated: z.boolean(),
              profile: z.string().optional(),
              checks: z.array(z.string()),
              status: requirementStatus,
              counts,
              note: z.string().optional(),
            })
            .strict(),
        ),
        summary: z.partialRecord(requirementStatus, z.number().int()),
      })
      .strict()
      .optional(),
    stats: z
      .object({
        totalCalls: z.number().int(),
        operations: z.array(z.object({ operation: z.string(), calls: z.number().int(), retries: z.number().int(), throttles: z.number().int(), errors: z.number().int(), totalMs: z.number().int() }).strict()),
        phasesMs: z.record(z.string(), z.number().int()),
      })
      .strict()
      .optional(),
    organization: z
      .object({
        accounts: z.array(
          z
            .object({
              id: z.string(),
              name: z.string(),
              status: z.enum(['scanned', 'unreachable', 'failed']),
              reason: z.string().optional(),
              regions: z.array(z.string()),
              counts,
              failing: z.partialRecord(z.enum(SEVERITIES), z.number().int()),
              checklist: z.record(z.string(), status).describe('each selected checklist item\'s verdict in this account'),
              calls: z.number().int(),
              durationMs: z.number().int(),
            })
            .strict(),
        ),
        skipped: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() }).strict()),
      })
      .strict()
      .optional()
      .describe('scan --org: the outcome of every account, and the accounts left out'),
  })
  .strict();
