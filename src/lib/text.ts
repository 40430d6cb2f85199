/**
 * Characters account data may hold that act on whoever reads the output: C0 and C1 controls
 * (terminal escapes such as ESC[2J or ESC]0;…BEL, carriage returns and newlines that forge or
 * hide a line, NUL, which XML cannot hold at all) and the bidirectional overrides that reorder
 * what a reader sees.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Account text made inert: each unsafe character shown escaped, as `\x1b` or `\u202e`. */
export function neutralise(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Account data (resource names, messages) in markdown: no markup, no table breaks, no HTML,
 * and no autolinks or @mentions (a zero-width space after `@` and in `://` and `www.` keeps
 * GitHub from pinging a user or linking a URL an attacker put in a tag).
 */
export function escapeMarkdown(text: string): string {
  return neutralise(text)
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`)
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\u200b.`);
}

/** `1 finding`, `3 findings`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `NOT_YET_CHECKED` → `not yet checked`. */
export function statusWords(status: string): string {
  return status.toLowerCase().replace(/_/g, ' ');
}

/** `{ FAIL: 2, NOT_APPLICABLE: 1 }` → `2 fail, 1 not applicable`. */
export function countsText(counts: Partial<Record<string, number>>): string {
  return Object.entries(counts).map(([status, n]) => `${n} ${statusWords(status)}`).join(', ');
}

/** The candidate nearest to a mistyped name (edit distance at most a third of its length), for "did you mean". */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
