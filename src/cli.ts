#!/usr/bin/env node
// Before any SDK loads: on Node 20 the SDK warns on every run that newer releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { createInterface } from 'node:readline/promises';
import { boundHeapGrowth } from './lib/heap-growth.js';
import { main } from './cli/main.js';

// Memory proportional to what is live, for every command (see lib/heap-growth.ts).
boundHeapGrowth();

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
