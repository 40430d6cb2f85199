/** Running git plumbing: never a prompt, never a lazy fetch of a partial clone's missing objects. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { UserError } from '../../core/errors.js';

export const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

export type GitChild = ChildProcessByStdio<Writable, Readable, Readable>;

export function gitSpawn(repo: string, args: readonly string[], stdin: 'pipe' | 'ignore' | Readable = 'ignore'): GitChild {
  return spawn('git', ['-C', repo, ...args], { env: GIT_ENV, stdio: [stdin, 'pipe', 'pipe'] }) as unknown as GitChild;
}

/** Runs git to completion; its output as text, or undefined when it fails and `allowFailure` is set. */
export async function git(repo: string, args: readonly string[], allowFailure = false): Promise<string | undefined> {
  const child = gitSpawn(repo, args);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await exited(child);
  if (code === 0) return Buffer.concat(out).toString('utf8');
  if (allowFailure) return undefined;
  throw new UserError(`git ${args[0]} failed in ${repo}: ${firstLine(Buffer.concat(err).toString('utf8')) || `exit code ${code}`}`);
}

export function exited(child: { once(event: 'close', listener: (code: number | null) => void): unknown; once(event: 'error', listener: (error: Error) => void): unknown }): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new UserError('git is not installed or not on PATH: install git, or scan files with --no-git') : error));
    child.once('close', (code) => resolve(code ?? 1));
  });
}

/** The first line of what a stream says (a child's stderr), read up to 4 KiB. */
export function firstLineOf(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    if (text.length < 4096) text += chunk.toString('utf8');
  });
  return new Promise((resolve) => stream.on('end', () => resolve(firstLine(text))));
}

export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim())?.trim() ?? '';
}

/** Calls `onLine` for each line of a stream, without holding more than one chunk. */
export function eachLine(stream: Readable, onLine: (line: string) => void, separator = '\n'): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split(separator);
      rest = parts.pop()!;
      for (const line of parts) onLine(line);
    });
    stream.on('end', () => {
      if (rest) onLine(rest);
      resolve();
    });
    stream.on('error', reject);
  });
}

/** What a git command writes straight to a temporary file while other work goes on. */
export interface Spill {
  /** Resolves once git has written all of it; rejects when git failed. */
  readonly done: Promise<void>;
  readonly file: string;
  /** Stops git if it is still writing (the scan failed). */
  stop(): void;
}

/** Runs git with its output going to `file` (never through this process), for reading once the output is needed. */
export function spillGit(repo: string, args: readonly string[], file: string): Spill {
  const fd = openSync(file, 'w');
  const child = spawn('git', ['-C', repo, ...args], { env: GIT_ENV, stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  const stderr = firstLineOf(child.stderr!);
  const done = exited(child).then(async (code) => {
    if (code !== 0) throw new UserError(`git ${args[0]} failed in ${repo}: ${(await stderr) || `exit code ${code}`}`);
  });
  // Awaited by the reader; a failure before then must not be an unhandled rejection.
  done.catch(() => {});
  return { done, file, stop: () => void child.kill() };
}
