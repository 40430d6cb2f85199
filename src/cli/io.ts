import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  /** Reads one line typed at the terminal (the MFA code); absent when there is no terminal. */
  readonly prompt?: (question: string) => Promise<string>;
  readonly now?: () => Date;
  /** Waits between paced API requests (LookupEvents); tests make it instant. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** What `bulwark secrets -` reads (default process.stdin). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Colour only for a terminal: NO_COLOR (any value) turns it off, FORCE_COLOR (not "0") on.
 * Decided here rather than by picocolors, which turns colour on whenever CI is set.
 */
export function colorsFor(stream: OutputStream, env: NodeJS.ProcessEnv, allowed = true): Colors {
  let enabled: boolean;
  if (!allowed || env.NO_COLOR) enabled = false;
  else if (env.FORCE_COLOR !== undefined) enabled = env.FORCE_COLOR !== '0';
  else enabled = Boolean(stream.isTTY) && env.TERM !== 'dumb';
  return pc.createColors(enabled);
}
