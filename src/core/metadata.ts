/** Check metadata as plain data, and the IAM permissions derived from what checks declare. */
import type { Check } from './check.js';
import { COLLECTORS } from '../collectors/index.js';
import { permissionFor } from '../aws/permissions.js';

/** Calls every live scan makes before collecting: whoami and the region list. */
const ALWAYS = ['ec2:DescribeRegions'];
/** Reads no check needs, made on request for checks of a service: bucket tags, for suppressions that match by tag. */
const ON_REQUEST: Record<string, readonly string[]> = { s3: ['s3:GetBucketTagging'] };

export function metadata(check: Check) {
  return {
    id: check.id,
    title: check.title,
    service: check.service,
    severity: check.severity,
    checklist: check.checklist,
    rationale: check.rationale,
    remediation: check.remediation,
    permissions: permissionsOf([check]),
  };
}

/** The read permissions the collectors of these checks need (plus what every scan needs). */
export function permissionsOf(checks: readonly Check[], withBase = false): string[] {
  const permissions = checks.flatMap((check) =>
    check.needs.flatMap((key) => {
      const collector = COLLECTORS[key];
      return collector.operations.map((op) => {
        const [service, name] = op.includes(':') ? (op.split(':') as [string, string]) : [collector.service, op];
        return permissionFor(service, name);
      });
    }),
  );
  const base = withBase ? [...ALWAYS, ...checks.flatMap((check) => ON_REQUEST[check.service] ?? [])] : [];
  return [...new Set([...base, ...permissions].filter((p): p is string => p !== null))].sort();
}

/** A least-privilege IAM policy for scanning with these checks. */
export function scanPolicy(checks: readonly Check[]) {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'BulwarkReadOnlyScan', Effect: 'Allow', Action: permissionsOf(checks, true), Resource: '*' }],
  };
}
