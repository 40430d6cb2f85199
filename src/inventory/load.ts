import { readFile } from 'node:fs/promises';
import { inventorySchema, INVENTORY_SCHEMA_VERSION, type Inventory } from './schema.js';
import { UserError } from '../core/errors.js';
import { fileProblem } from '../lib/fs-errors.js';

/** Reads and validates a saved inventory; any problem is one line naming the file and the field. */
export async function loadInventory(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read inventory ${path}: ${fileProblem(error)}`);
  }
  return parseInventory(text, path);
}

export function parseInventory(text: string, source: string): Inventory {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`inventory ${source} is not valid JSON: ${(error as Error).message}`);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== INVENTORY_SCHEMA_VERSION) {
    throw new UserError(
      `inventory ${source} has schemaVersion ${version}; this Bulwark reads version ${INVENTORY_SCHEMA_VERSION}: collect it again with this version`,
    );
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
