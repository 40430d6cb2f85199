/** Text from a repository (paths, author names) shown safely: control characters become visible escapes. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function shortCommit(id: string): string {
  return id.slice(0, 12);
}

/** The refs holding a finding, the first few by name: `main, v1.0 and 3 more`. */
export function refList(refs: readonly string[], shown = 5): string {
  const names = refs.slice(0, shown).map(printable).join(', ');
  return refs.length > shown ? `${names} and ${refs.length - shown} more` : names;
}
