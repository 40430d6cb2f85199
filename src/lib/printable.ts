/**
 * Account data on a terminal: control characters (ANSI escapes, carriage returns, bidi overrides)
 * become visible `\u{…}` escapes, so a resource name cannot rewrite or hide what Bulwark prints.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
