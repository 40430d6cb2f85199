/**
 * "too many arguments" after a list flag is nearly always a list written with spaces
 * (`--regions us-east-1 eu-west-1`): say so, with the comma-separated spelling.
 */
import type { Command } from '@commander-js/extra-typings';

/** The long and short names of the options, in `command` and its subcommands, whose value is a comma-separated list. */
export function listFlags(command: Command<unknown[], Record<string, unknown>>, isList: (parse: unknown) => boolean, flags = new Set<string>()): Set<string> {
  for (const option of command.options) {
    if (!isList((option as unknown as { parseArg?: unknown }).parseArg)) continue;
    if (option.long) flags.add(option.long);
    if (option.short) flags.add(option.short);
  }
  for (const sub of command.commands) listFlags(sub, isList, flags);
  return flags;
}

/** The hint for the first list flag followed by stray words, or undefined when there is none. */
export function spacedListHint(argv: readonly string[], flags: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = argv[i]!.split(/=(.*)/s, 2);
    if (!flags.has(flag)) continue;
    const start = inline === undefined ? i + 2 : i + 1;
    const value = inline ?? argv[i + 1];
    let end = start;
    while (end < argv.length && !argv[end]!.startsWith('-')) end++;
    if (value === undefined || end === start) continue;
    const values = [value, ...argv.slice(start, end)].map((v) => v.replace(/,+$/, ''));
    return `hint: ${flag} takes a comma-separated list without spaces: ${flag} ${values.join(',')}`;
  }
  return undefined;
}
