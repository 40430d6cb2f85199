/**
 * Reports as a sequence of pieces, one finding at a time, so that writing a report of a large
 * account never holds the whole text (tens of megabytes) in memory. Each piece sequence joins to
 * exactly the text the format's render function returns.
 */
import type { Finding } from '../core/finding.js';
import type { ScanReport } from '../core/report.js';
import { inSecurityHub, toAsff } from './asff.js';
import type { Format } from './formats.js';
import { render, type RenderOptions } from './index.js';
import { toOcsf } from './ocsf.js';
import { csvLines } from './csv.js';
import { sarifLog, sarifResults } from './sarif.js';

/** `JSON.stringify(array, null, 2)` of an array that sits `depth` levels deep, one element at a time. */
function* jsonArray<T>(items: Iterable<T>, depth: number): Generator<string> {
  // An element wrapped in `depth + 1` arrays comes out of one stringify already indented for its
  // depth, between `[` lines that are cut off: no second pass over each element's text to indent it.
  const levels = depth + 1;
  const cut = levels * (levels + 1);
  let first = true;
  for (const item of items) {
    let wrapped: unknown = item;
    for (let i = 0; i < levels; i++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, 2);
    yield `${first ? '[\n' : ',\n'}${text.slice(cut, text.length - cut)}`;
    first = false;
  }
  yield first ? '[]' : `\n${' '.repeat(2 * depth)}]`;
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U, keep: (item: T) => boolean = () => true): Generator<U> {
  for (const item of items) if (keep(item)) yield map(item);
}

/** The findings document (`renderJson`): everything but the findings in one piece, then each finding. */
function* jsonReport(report: ScanReport): Generator<string> {
  const marker = `bulwark-findings-${Math.random().toString(36).slice(2)}`;
  const [head, tail] = JSON.stringify({ ...report, findings: marker }, null, 2).split(`"${marker}"`) as [string, string];
  yield head;
  yield* jsonArray(report.findings, 1);
  yield `${tail}\n`;
}

/** SARIF (`renderSarif`): the log in one piece, then each result (they sit 3 levels deep: runs[0].results). */
function* sarifReport(report: ScanReport): Generator<string> {
  const marker = `bulwark-results-${Math.random().toString(36).slice(2)}`;
  const [head, tail] = JSON.stringify(sarifLog(report, marker as never), null, 2).split(`"${marker}"`) as [string, string];
  yield head;
  yield* jsonArray(sarifResults(report), 3);
  yield `${tail}\n`;
}

/**
 * The report in `format`, in pieces; formats without a streaming form come as one piece. JSON,
 * OCSF, ASFF, CSV and SARIF only iterate `report.findings` once, in order: it may be a lazy sequence.
 * JUnit reads it once too, into counts per check with a bounded list of resources (one piece).
 */
export const STREAMED_FORMATS: ReadonlySet<Format> = new Set(['json', 'ocsf', 'asff', 'csv', 'sarif', 'junit']);

export function* renderPieces(format: Format, report: ScanReport, options: RenderOptions): Generator<string> {
  const findings: readonly Finding[] = report.findings;
  if (format === 'json') yield* jsonReport(report);
  else if (format === 'ocsf') yield* jsonArray(mapped(findings, (f) => toOcsf(f, report)), 0);
  else if (format === 'asff') yield* jsonArray(mapped(findings, (f) => toAsff(f, report, options.homeRegion), inSecurityHub), 0);
  else if (format === 'csv') yield* csvLines(findings);
  else if (format === 'sarif') yield* sarifReport(report);
  else yield render(format, report, options);
  // The JSON arrays end with a newline, as their render functions write them.
  if (format === 'ocsf' || format === 'asff') yield '\n';
}

/** Pieces gathered into chunks of about `size` characters: fewer, larger writes. */
export function* chunked(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
