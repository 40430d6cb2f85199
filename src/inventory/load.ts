import { readFile } from 'node:fs/promises';
import { inventorySchema, INVENTORY_SCHEMA_VERSION, type Inventory } from './schema.js';
import { UserError } from '../core/errors.js';
import { fileProblem } from '../lib/fs-errors.js';
import '../lib/zod-messages.js';

/** Reads and validates a saved inventory; any problem is one line naming the file and the field. */
export async function loadInventory(path: string): Promise<Inventory> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(`cannot read inventory ${path}: ${fileProblem(error)}`);
  }
  return parseInventory(decodeUtf8(bytes, path), path);
}

/** Inventories are UTF-8 JSON without a byte-order mark; anything else is said in one line, never silently replaced. */
function decodeUtf8(bytes: Buffer, path: string): string {
  const convert = `convert it to UTF-8 without a byte-order mark (e.g. iconv -f UTF-16 -t UTF-8), or save it again with bulwark scan --save-inventory`;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0))) {
    throw new UserError(`inventory ${path} is UTF-16 text: ${convert}`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) throw new UserError(`inventory ${path} starts with a UTF-8 byte-order mark: remove it (JSON has none), or save it again with bulwark scan --save-inventory`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new UserError(`inventory ${path} is not valid UTF-8 (first bad byte at offset ${at}): ${convert}`);
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that decodes: a binary search over prefixes, since a cut may split a character.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

export function parseInventory(text: string, source: string): Inventory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`inventory ${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (isFindingsDocument(json)) {
    throw new UserError(
      `${source} is a findings document (bulwark scan --format json), not an inventory: compare two with bulwark diff, plan from it with bulwark fix --from, or save an inventory with bulwark scan --save-inventory <file>`,
    );
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== INVENTORY_SCHEMA_VERSION) {
    const by = version < INVENTORY_SCHEMA_VERSION ? 'an older' : 'a newer';
    const todo = version < INVENTORY_SCHEMA_VERSION ? 'collect it again with this version (bulwark scan --save-inventory <file>)' : 'read it with that newer Bulwark, or collect it again with this one';
    throw new UserError(`inventory ${source} has schemaVersion ${version}, written by ${by} Bulwark; this Bulwark reads version ${INVENTORY_SCHEMA_VERSION}: ${todo}`);
  }
  const result = inventorySchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(top level)';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
    throw new UserError(`inventory ${source} is invalid at ${field}: ${issue?.message ?? 'invalid'}${more}`);
  }
  return result.data;
}

/** A scan's report rather than its inventory: no inventory has findings or an evaluation time. */
function isFindingsDocument(json: unknown): boolean {
  if (json === null || typeof json !== 'object') return false;
  const doc = json as Record<string, unknown>;
  return Array.isArray(doc.findings) && 'evaluatedAt' in doc;
}
