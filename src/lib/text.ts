/** Account data (resource names, messages) in markdown: no markup, no table breaks, no HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, ' ');
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
