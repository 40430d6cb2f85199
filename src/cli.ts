#!/usr/bin/env node
// Before any SDK loads: on Node 20 the SDK warns on every run that newer releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createInterface } from 'node:readline/promises';
import { setFlagsFromString } from 'node:v8';
import { main } from './cli/main.js';

// V8 lets the old generation grow to several times the live heap before a full collection when
// the machine is idle (a 10,000-user scan with a 100-130 MiB live heap reached 576 MiB RSS).
// Growth of at most half the live heap after each collection keeps memory proportional to what is
// live, however large the account, with no fixed limit that a big one could hit. V8 reads this
// flag at every collection, so setting it here, at start, takes effect.
setFlagsFromString('--heap-growing-percent=50');

// `bulwark … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const prompt = async (question: string) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
};

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  prompt,
});
