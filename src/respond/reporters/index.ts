/** The formats `bulwark respond --format` writes, and their file names in the evidence folder. */
import type { Colors } from '../../cli/io.js';
import type { RespondReport } from '../report.js';
import { renderRespondConsole } from './console.js';
import { renderRespondHtml } from './html.js';
import { renderRespondMarkdown } from './markdown.js';

export const RESPOND_FORMATS = { console: 'respond.txt', json: 'respond.json', markdown: 'respond.md', html: 'respond.html' } as const;
export type RespondFormat = keyof typeof RESPOND_FORMATS;
export const RESPOND_FORMAT_NAMES = Object.keys(RESPOND_FORMATS) as RespondFormat[];

/** `events`: the suspect's raw records, for the HTML timeline. */
export function renderRespond(format: RespondFormat, report: RespondReport, events: readonly Record<string, unknown>[], colors: Colors): string {
  switch (format) {
    case 'console':
      return renderRespondConsole(report, colors);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderRespondMarkdown(report);
    case 'html':
      return renderRespondHtml(report, events);
  }
}
