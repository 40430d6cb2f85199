import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so the same data always gives the same text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a resource looked like to its check: compared after re-reading, to tell drift. */
export function fingerprint(resource: unknown): string {
  return sha256(stableJson(resource) ?? 'undefined');
}
