/**
 * The OCSF 1.5 Detection Finding (class 2004) attributes Bulwark fills, with the schema's
 * required ones required and its enumerations enforced. No JSON Schema of OCSF ships on npm, so
 * the test checks against this transcription of the class and object definitions.
 */
import { z } from 'zod';

const timestamp = z.number().int().positive();

export const ocsfDetectionFinding = z
  .object({
    activity_id: z.literal(1),
    activity_name: z.literal('Create'),
    category_uid: z.literal(2),
    category_name: z.literal('Findings'),
    class_uid: z.literal(2004),
    class_name: z.literal('Detection Finding'),
    type_uid: z.literal(200401),
    type_name: z.string(),
    severity_id: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    severity: z.enum(['Informational', 'Low', 'Medium', 'High', 'Critical']),
    status_id: z.union([z.literal(1), z.literal(3), z.literal(4)]),
    status: z.enum(['New', 'Suppressed', 'Resolved']),
    status_code: z.string(),
    status_detail: z.string(),
    message: z.string(),
    time: timestamp,
    time_dt: z.iso.datetime(),
    metadata: z.object({
      version: z.string().regex(/^1\.\d+\.\d+$/),
      product: z.object({ name: z.string(), vendor_name: z.string().min(1), version: z.string() }),
      event_code: z.string(),
      uid: z.string(),
      profiles: z.array(z.string()),
    }),
    finding_info: z.object({
      uid: z.string().min(1),
      title: z.string().min(1),
      desc: z.string(),
      types: z.array(z.string()),
      created_time: timestamp,
      analytic: z.object({ uid: z.string(), name: z.string(), type_id: z.literal(1), type: z.literal('Rule') }),
    }),
    cloud: z.object({ provider: z.literal('AWS'), account: z.object({ uid: z.string().regex(/^\d{12}$/), type: z.literal('AWS Account'), type_id: z.literal(10) }), region: z.string() }),
    resources: z
      .array(z.object({ uid: z.string(), name: z.string().optional(), type: z.string(), region: z.string(), cloud_partition: z.string(), labels: z.array(z.string()).optional() }).strict())
      .min(1),
    remediation: z.object({ desc: z.string().min(1), references: z.array(z.url()) }),
    unmapped: z.record(z.string(), z.unknown()),
  })
  .strict();
