/** The formats `bulwark detect --format` writes, and their file names under --output-dir. */
import type { Colors } from '../../cli/io.js';
import type { DetectReport } from '../report.js';
import { renderDetectConsole } from './console.js';
import { renderDetectCsv } from './csv.js';
import { renderDetectHtml } from './html.js';
import { detectJsonChunks, renderDetectJson } from './json.js';
import { renderDetectMarkdown } from './markdown.js';
import { renderDetectOcsf } from './ocsf.js';

export const DETECT_FORMATS = { console: 'detect.txt', json: 'detect.json', ocsf: 'detect.ocsf.json', csv: 'detect.csv', markdown: 'detect.md', html: 'detect.html' } as const;
export type DetectFormat = keyof typeof DETECT_FORMATS;
export const DETECT_FORMAT_NAMES = Object.keys(DETECT_FORMATS) as DetectFormat[];

export function renderDetect(format: DetectFormat, report: DetectReport, colors: Colors): string {
  switch (format) {
    case 'console':
      return renderDetectConsole(report, colors);
    case 'json':
      return renderDetectJson(report);
    case 'ocsf':
      return renderDetectOcsf(report);
    case 'csv':
      return renderDetectCsv(report);
    case 'markdown':
      return renderDetectMarkdown(report);
    case 'html':
      return renderDetectHtml(report);
  }
}

/** For a file: the same text, in pieces where a format can give them (JSON, alert by alert). */
export function renderDetectChunks(format: DetectFormat, report: DetectReport, colors: Colors): Iterable<string> {
  return format === 'json' ? detectJsonChunks(report) : [renderDetect(format, report, colors)];
}
