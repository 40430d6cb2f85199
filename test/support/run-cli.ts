import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured, non-TTY streams; its clock reads `now` (a fixed day by default). */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, now = new Date('2026-11-02T00:00:00Z')): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    stdinIsTTY: false,
    now: () => now,
    sleep: () => Promise.resolve(),
  });
  return { code, stdout, stderr };
}
