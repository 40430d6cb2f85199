/**
 * One Sigma field item (`field|mod|mod: value or list`) compiled into a test on an event, as the
 * Sigma specification's modifier appendix defines them. Matching is case-insensitive unless
 * `cased`; values that are not strings compare by their text (`'false'` matches JSON `false`); an
 * object field compared with `contains` (or any string test) is matched against its JSON text.
 */
import { BlockList, isIP } from 'node:net';
import { RE2JS } from 're2js';
import { fieldReader, textOf, type Event, type FieldReader } from './fields.js';
import { literalOf, wildcardTest, type TextTest } from './wildcard.js';

export class RuleError extends Error {}

export type EventTest = (event: Event) => boolean;

export interface CompiledItem {
  readonly test: EventTest;
  /** Set when the item holds only when the field equals one of these (lower-cased) literals: the rule index uses it. */
  readonly equals?: { readonly field: string; readonly values: readonly string[] };
}

const TRANSFORMS = new Set(['base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide', 'windash']);
const STRING_MATCH = new Set(['contains', 'startswith', 'endswith']);
const NUMERIC = new Set(['lt', 'lte', 'gt', 'gte']);
const OTHER = new Set(['all', 'cased', 're', 'i', 'm', 's', 'exists', 'cidr', 'fieldref', 'neq', 'ignorecase', 'multiline', 'dotall']);
const UNSUPPORTED: Record<string, string> = {
  expand: 'the "expand" modifier needs placeholder values that Bulwark has no configuration for',
  minute: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
  hour: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
  day: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
  week: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
  month: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
  year: 'time-part modifiers (minute, hour, day, week, month, year) are not supported',
};

type Scalar = string | number | boolean | null;

export function compileItem(key: string, raw: unknown): CompiledItem {
  const [field = '', ...mods] = key.split('|').map((s, i) => (i === 0 ? s : s.toLowerCase()));
  for (const m of mods) {
    if (UNSUPPORTED[m]) throw new RuleError(UNSUPPORTED[m]);
    if (!TRANSFORMS.has(m) && !STRING_MATCH.has(m) && !NUMERIC.has(m) && !OTHER.has(m)) throw new RuleError(`unknown modifier "${m}" in "${key}"`);
  }
  const values = (Array.isArray(raw) ? raw : [raw]) as unknown[];
  if (values.length === 0) throw new RuleError(`"${key}" has an empty list of values`);
  for (const v of values) {
    if (v !== null && typeof v === 'object') throw new RuleError(`"${key}" has a nested map or list as a value; Sigma values are strings, numbers, booleans or null`);
  }
  const has = (m: string) => mods.includes(m);
  const read: FieldReader | undefined = field ? fieldReader(field) : undefined;
  const valueTests = (values as Scalar[]).map((v) => valueTest(v, mods, key));
  const test = combine(read, valueTests, has('all'));
  const finalTest: EventTest = has('neq') ? (e) => !test(e) : test;

  const plain = mods.length === 0;
  const literals = plain && read ? (values as Scalar[]).map((v) => (typeof v === 'string' ? literalOf(v) : typeof v === 'number' ? String(v) : undefined)) : [];
  if (plain && read && literals.length && literals.every((l) => l !== undefined && l !== '')) {
    return { test: finalTest, equals: { field, values: (literals as string[]).map((l) => l.toLowerCase()) } };
  }
  return { test: finalTest };
}

/** A value test sees every value the field holds (several through arrays) and answers for any. */
type ValueTest = (values: readonly unknown[], event: Event) => boolean;

function combine(read: FieldReader | undefined, tests: readonly ValueTest[], all: boolean): EventTest {
  const values = read ?? ((event: Event) => [eventText(event)]);
  if (tests.length === 1) {
    const t = tests[0]!;
    return (event) => t(values(event), event);
  }
  return all
    ? (event) => {
        const v = values(event);
        return tests.every((t) => t(v, event));
      }
    : (event) => {
        const v = values(event);
        return tests.some((t) => t(v, event));
      };
}

const TEXT = new WeakMap<Event, string>();
/** Keyword searches look at the whole record as JSON text, computed once per record. */
function eventText(event: Event): string {
  let text = TEXT.get(event);
  if (text === undefined) TEXT.set(event, (text = JSON.stringify(event)));
  return text;
}

function valueTest(value: Scalar, mods: readonly string[], key: string): ValueTest {
  const has = (m: string) => mods.includes(m);
  const cased = has('cased');
  if (has('exists')) {
    if (typeof value !== 'boolean') throw new RuleError(`"${key}" needs true or false with "exists"`);
    return (values) => (values.length > 0) === value;
  }
  if (value === null) {
    if (mods.some((m) => m !== 'all' && m !== 'neq')) throw new RuleError(`"${key}" combines null with modifiers`);
    return (values) => values.every((v) => v === null);
  }
  if (has('fieldref')) return fieldrefTest(String(value), mods);
  const numeric = mods.find((m) => NUMERIC.has(m));
  if (numeric) return numericTest(value, numeric, key);
  if (has('cidr')) return cidrTest(String(value), key);
  if (has('re')) return regexTest(String(value), mods, key);

  const texts = transform(String(value), mods);
  const shaped = texts.map((t) => (has('contains') ? `*${t}*` : has('startswith') ? `${t}*` : has('endswith') ? `*${t}` : t));
  const tests = shaped.map((p) => wildcardTest(p, cased));
  const one: TextTest = tests.length === 1 ? tests[0]! : (t) => tests.some((test) => test(t));
  return (values) => {
    for (const v of values) {
      const text = textOf(v);
      if (text !== undefined && one(cased ? text : text.toLowerCase())) return true;
    }
    return false;
  };
}

/** The encodings a value is searched in: base64 (and its three offsets), UTF-16, Windows dash variants. */
function transform(value: string, mods: readonly string[]): string[] {
  let texts = [value];
  if (mods.includes('windash')) {
    texts = texts.flatMap((t) => ['-', '/', '\u2013', '\u2014', '\u2015'].map((dash) => t.replace(/(^|\s)[-/\u2013\u2014\u2015]/g, `$1${dash}`)));
    texts = [...new Set(texts)];
  }
  const encoding = mods.includes('utf16le') || mods.includes('wide') ? 'utf16le' : mods.includes('utf16be') ? 'utf16be' : mods.includes('utf16') ? 'utf16' : 'utf8';
  const bytes = (t: string): Buffer => {
    if (encoding === 'utf16le') return Buffer.from(t, 'utf16le');
    if (encoding === 'utf16be') return Buffer.from(t, 'utf16le').swap16();
    if (encoding === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
    return Buffer.from(t, 'utf8');
  };
  const escape = (t: string) => t.replace(/[\\*?]/g, '\\$&');
  if (mods.includes('base64')) return texts.map((t) => escape(bytes(t).toString('base64')));
  if (mods.includes('base64offset')) {
    // The three alignments a value can take inside a longer base64 text, trimmed to the stable characters.
    return texts.flatMap((t) => {
      const b = bytes(t);
      return [0, 1, 2].map((offset) => {
        const encoded = Buffer.concat([Buffer.alloc(offset), b]).toString('base64');
        const start = [0, 2, 3][offset]!;
        const end = [0, 3, 2][(b.length + offset) % 3]!;
        return escape(encoded.slice(start, end ? -end : undefined).replace(/=+$/, ''));
      });
    });
  }
  return texts;
}

function fieldrefTest(other: string, mods: readonly string[]): ValueTest {
  const read = fieldReader(other);
  const cased = mods.includes('cased');
  const norm = (t: string) => (cased ? t : t.toLowerCase());
  const match = mods.includes('contains') ? (a: string, b: string) => a.includes(b) : mods.includes('startswith') ? (a: string, b: string) => a.startsWith(b) : mods.includes('endswith') ? (a: string, b: string) => a.endsWith(b) : (a: string, b: string) => a === b;
  return (values, event) => {
    const refs = read(event).map(textOf).filter((t): t is string => t !== undefined).map(norm);
    return values.some((v) => {
      const t = textOf(v);
      return t !== undefined && refs.some((r) => match(norm(t), r));
    });
  };
}

function numericTest(value: Scalar, op: string, key: string): ValueTest {
  const limit = Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(limit)) throw new RuleError(`"${key}" needs a number`);
  const cmp = op === 'lt' ? (n: number) => n < limit : op === 'lte' ? (n: number) => n <= limit : op === 'gt' ? (n: number) => n > limit : (n: number) => n >= limit;
  return (values) =>
    values.some((v) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      return Number.isFinite(n) && cmp(n);
    });
}

function cidrTest(value: string, key: string): ValueTest {
  const [address = '', bits] = value.split('/');
  const family = isIP(address);
  const prefix = Number(bits ?? (family === 6 ? 128 : 32));
  if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new RuleError(`"${key}": "${value}" is not an IPv4 or IPv6 network`);
  const list = new BlockList();
  list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return (values) =>
    values.some((v) => {
      if (typeof v !== 'string') return false;
      const f = isIP(v);
      return f !== 0 && list.check(v, f === 6 ? 'ipv6' : 'ipv4');
    });
}

function regexTest(pattern: string, mods: readonly string[], key: string): ValueTest {
  let flags = 0;
  if (mods.includes('i') || mods.includes('ignorecase')) flags |= RE2JS.CASE_INSENSITIVE;
  if (mods.includes('m') || mods.includes('multiline')) flags |= RE2JS.MULTILINE;
  if (mods.includes('s') || mods.includes('dotall')) flags |= RE2JS.DOTALL;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, flags);
  } catch (error) {
    throw new RuleError(`"${key}": the regular expression cannot run in linear time or does not parse (${error instanceof Error ? error.message : String(error)})`);
  }
  return (values) =>
    values.some((v) => {
      const text = textOf(v);
      return text !== undefined && re.matcher(text).find();
    });
}
