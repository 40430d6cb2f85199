import { fail, pass, type Outcome } from '../core/check.js';
import type { Scanned } from '../inventory/schema.js';
import { saferPreview } from './detect.js';

/**
 * The verdict on a scanned resource: what was found where, redacted, or a clean pass. Previews are
 * cut again here, so an inventory saved by an older version shows no more than this one would.
 */
export function secretsVerdict(resource: Scanned): Outcome {
  const label = `${resource.kind} ${resource.name}`;
  if (resource.hits.length === 0) return pass(`${label} holds no secret we can recognise`);
  const found = resource.hits.map((h) => `${h.type} ${saferPreview(h.preview)}${h.name ? ` in ${h.name}` : ''}${h.line ? ` on line ${h.line}` : ''}`);
  return fail(`${label} holds ${found.join('; ')}`);
}

export function describeScanned(resource: Scanned) {
  return { id: resource.id, type: resource.kind.replace(/\s+/g, ''), name: resource.name };
}
