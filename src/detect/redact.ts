/**
 * Events as alerts carry them: a copy in which values under secret-sounding keys, and any string
 * the shared secret detector flags, are replaced by a short preview. Access key ids stay: they are
 * identifiers CloudTrail prints everywhere, and the actor of an alert is named by them.
 */
import { detectSecrets, redact } from '../secrets/detect.js';
import type { Event } from './sigma/fields.js';

const SECRET_KEY = /secret|password|passwd|passphrase|token|privatekey|private_key|credential|signature/i;

export function redactEvent(event: Event): Event {
  return clean(event, '') as Event;
}

function clean(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && value.length >= 8) return `[redacted ${redact(value)}]`;
    if (value.length < 16) return value;
    const hits = detectSecrets(value).filter((h) => !/access key id/.test(h.type));
    return hits.length ? `[redacted: ${hits.map((h) => `${h.type} ${h.preview}`).join(', ')}]` : value;
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, clean(v, k)]));
  }
  return value;
}
