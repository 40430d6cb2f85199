/**
 * Account data (account names from Organizations, error messages) shown on a terminal: control
 * characters (escape sequences that could rewrite the screen, carriage returns that could hide a
 * line) become visible `\u{…}` escapes.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}
