/**
 * Field access for Sigma rules over CloudTrail records: a dotted name walks nested objects and
 * passes through arrays, so `requestParameters.ipPermissions.items.ipRanges.items.cidrIp` yields
 * the value of every element. A field that is itself a key containing dots is found too.
 */
export type Event = Readonly<Record<string, unknown>>;

export type FieldReader = (event: Event) => unknown[];

export function fieldReader(name: string): FieldReader {
  const path = name.split('.');
  if (path.length === 1) {
    return (event) => {
      const v = event[name];
      return v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v];
    };
  }
  return (event) => {
    const out: unknown[] = [];
    walk(event, path, 0, out);
    if (out.length === 0 && name in event) push(event[name], out);
    return out;
  };
}

function push(value: unknown, out: unknown[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const v of value) out.push(v);
  else out.push(value);
}

function walk(value: unknown, path: readonly string[], depth: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, path, depth, out);
    return;
  }
  if (depth === path.length) return push(value, out);
  if (value === null || typeof value !== 'object') return;
  walk((value as Record<string, unknown>)[path[depth]!], path, depth + 1, out);
}

/** The text a value is compared as: strings as they are, scalars by their JSON form, objects as JSON text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || typeof value !== 'object') return undefined;
  return JSON.stringify(value);
}
