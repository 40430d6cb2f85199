/**
 * Events as alerts carry them: a copy in which values under secret-sounding keys, and any string
 * the shared secret detector flags, are replaced by a short preview. Access key ids stay: they are
 * identifiers CloudTrail prints everywhere, and the actor of an alert is named by them.
 */
import { detectSecrets, redact } from '../secrets/detect.js';
import { intern } from './intern.js';
import type { Event } from './sigma/fields.js';

const SECRET_KEY = /secret|password|passwd|passphrase|token|privatekey|private_key|credential|signature/i;

/**
 * ARNs, user agents and host names recur in nearly every event: each distinct clean string is
 * scanned once (a flagged one is not kept), and the copies kept share its first one.
 */
const CLEAN = new Map<string, string>();
const MAX_CLEAN = 20_000;
const MAX_CLEAN_LENGTH = 512;

function scanned(value: string): string {
  const known = CLEAN.get(value);
  if (known !== undefined) return known;
  const hits = detectSecrets(value).filter((h) => !/access key id/.test(h.type));
  if (hits.length) return `[redacted: ${hits.map((h) => `${h.type} ${h.preview}`).join(', ')}]`;
  if (value.length <= MAX_CLEAN_LENGTH) {
    if (CLEAN.size >= MAX_CLEAN) CLEAN.clear();
    CLEAN.set(value, value);
  }
  return value;
}

export function redactEvent(event: Event): Event {
  return clean(event, '') as Event;
}

function clean(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key) && value.length >= 8) return `[redacted ${redact(value)}]`;
    if (value.length < 16) return intern(value);
    return scanned(value);
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, clean(v, k)]));
  }
  return value;
}
