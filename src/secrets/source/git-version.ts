/**
 * Which way this git can be asked for blobs. `cat-file --batch-command` (git 2.36+) buffers its
 * output and writes it when told to `flush`, once per batch, where `--batch` writes each blob
 * on its own (a system call and a read each, on both sides of the pipe); older git has only `--batch`.
 */
import { git } from './git-process.js';

export type CatFileMode = 'batch-command' | 'batch';

/** The mode `git version` output (`git version 2.39.5`, `git version 2.36.0.windows.1`) allows. */
export function catFileModeOf(version: string): CatFileMode {
  const [, major = 0, minor = 0] = /(\d+)\.(\d+)/.exec(version)?.map(Number) ?? [];
  return major > 2 || (major === 2 && minor >= 36) ? 'batch-command' : 'batch';
}

let probed: Promise<CatFileMode> | undefined;

/** Asks git its version once per process. */
export function catFileMode(): Promise<CatFileMode> {
  probed ??= git('.', ['version'], true).then((out) => catFileModeOf(out ?? ''));
  return probed;
}
