/**
 * Failures nobody expected (a bug, not bad input). They end the command with exit 2 and one line,
 * never with Node's exit 1, which CI would read as "FAIL findings found".
 */
import type { OutputStream } from './io.js';

/** One line: the message and where in Bulwark it was thrown (the stack only with BULWARK_DEBUG). */
export function describeUnexpected(error: unknown, env: NodeJS.ProcessEnv): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0] ?? '';
  if (env.BULWARK_DEBUG) return error.stack ?? error.message;
  const where = error.stack?.split('\n').find((line) => /^\s+at /.test(line) && !line.includes('node:'))?.trim().replace(/^at /, '');
  const message = error.message.split('\n')[0] || error.name;
  return `${error.name !== 'Error' ? `${error.name}: ` : ''}${message}${where ? ` (at ${where})` : ''}`;
}

/**
 * Watches for rejections no code awaited while a command runs. Each is said in one line and the
 * command goes on, so whatever was gathered is still reported; `failed` then turns its exit code into 2.
 */
export function watchStrayFailures(stderr: OutputStream, env: NodeJS.ProcessEnv): { readonly failed: boolean; stop(): void } {
  let failed = false;
  const onRejection = (reason: unknown) => {
    failed = true;
    stderr.write(`bulwark: unexpected error (a bug in Bulwark, please report it): ${describeUnexpected(reason, env)}; the report below holds what was gathered, exit code 2\n`);
  };
  process.on('unhandledRejection', onRejection);
  return {
    get failed() {
      return failed;
    },
    stop: () => void process.off('unhandledRejection', onRejection),
  };
}
