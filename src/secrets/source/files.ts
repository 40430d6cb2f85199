/** Files as they are on disk (`--no-git`, or a folder that is not a repository), and stdin. */
import { lstat, opendir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FileCounts {
  files: number;
  bytes: number;
  huge: number;
  unreadable: number;
}

export interface FileSink {
  push(path: string, data: Buffer): void;
  room(): Promise<void>;
}

/** Walks a folder depth-first without following links, skipping `.git`; one file read at a time. */
export async function scanFolder(root: string, maxBytes: number, sink: FileSink, counts: FileCounts, warn: (message: string) => void): Promise<void> {
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await opendir(dir);
    } catch (error) {
      counts.unreadable++;
      warn(`cannot read folder ${relative(root, dir) || '.'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    for await (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await visit(path);
      } else if (entry.isFile()) await readOne(root, path, maxBytes, sink, counts, warn);
    }
  };
  const stat = await lstat(root);
  if (stat.isFile()) await readOne(root, root, maxBytes, sink, counts, warn, root);
  else await visit(root);
}

async function readOne(root: string, path: string, maxBytes: number, sink: FileSink, counts: FileCounts, warn: (message: string) => void, display = relative(root, path)): Promise<void> {
  try {
    const { size } = await lstat(path);
    if (size > maxBytes) {
      counts.huge++;
      return;
    }
    const data = await readFile(path);
    counts.files++;
    counts.bytes += data.length;
    await sink.room();
    sink.push(display, data);
  } catch (error) {
    counts.unreadable++;
    warn(`cannot read ${display}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Standard input, up to the size limit; the rest is not read. */
export async function readStdin(stdin: NodeJS.ReadableStream, maxBytes: number): Promise<{ data: Buffer; truncated: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (size + buffer.length > maxBytes) return { data: Buffer.concat([...parts, buffer.subarray(0, maxBytes - size)]), truncated: true };
    parts.push(buffer);
    size += buffer.length;
  }
  return { data: Buffer.concat(parts), truncated: false };
}
