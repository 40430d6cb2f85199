/**
 * Globs of the suppressions file (`*` any run of characters, `?` one), matched without a regex.
 * A backtracking regex such as `^.*a.*a.*b$` takes exponential time on a long name; here the
 * pattern is split at its stars and each literal piece is found once, left to right: the leftmost
 * place a piece fits never rules out a match that a later place would allow, so nothing is retried.
 */
interface CompiledGlob {
  readonly first: readonly string[];
  readonly middle: readonly (readonly string[])[];
  readonly last: readonly string[] | undefined;
}

const compiled = new Map<string, CompiledGlob>();

function compile(pattern: string): CompiledGlob {
  const pieces = pattern.split(/\*+/).map((piece) => Array.from(piece));
  if (pieces.length === 1) return { first: pieces[0]!, middle: [], last: undefined };
  return { first: pieces[0]!, middle: pieces.slice(1, -1).filter((p) => p.length > 0), last: pieces.at(-1)! };
}

/** Whether `piece` (where `?` is any one character) matches `chars` at `at`. */
function fitsAt(piece: readonly string[], chars: readonly string[], at: number): boolean {
  if (at + piece.length > chars.length) return false;
  for (let i = 0; i < piece.length; i++) if (piece[i] !== '?' && piece[i] !== chars[at + i]) return false;
  return true;
}

/** Whether the whole of `value` matches the glob, case-sensitively. */
export function globMatch(pattern: string, value: string): boolean {
  let glob = compiled.get(pattern);
  if (!glob) compiled.set(pattern, (glob = compile(pattern)));
  const chars = Array.from(value);
  if (!glob.last) return glob.first.length === chars.length && fitsAt(glob.first, chars, 0);
  if (!fitsAt(glob.first, chars, 0)) return false;
  let at = glob.first.length;
  const end = chars.length - glob.last.length;
  for (const piece of glob.middle) {
    while (at <= end - piece.length && !fitsAt(piece, chars, at)) at++;
    if (at > end - piece.length) return false;
    at += piece.length;
  }
  return at <= end && fitsAt(glob.last, chars, end);
}
