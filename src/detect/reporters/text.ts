import { neutralise } from '../../lib/text.js';
import { escapeHtml } from '../../reporters/html-page.js';

/** Log text on one line (newlines and tabs as spaces), every other unsafe character shown escaped. */
export function plain(text: string): string {
  return neutralise(text.replace(/[\n\t]/g, ' '));
}

export function html(text: string): string {
  return escapeHtml(text.replace(/[\n\t]/g, ' '));
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
