import type { ScanReport } from '../core/report.js';
import type { Colors } from '../cli/io.js';
import type { Format } from './formats.js';
import { renderAsff } from './asff.js';
import { renderConsole } from './console.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import type { FindingsDigest } from './digest.js';

export interface RenderOptions {
  readonly colors: Colors;
  readonly verbose: boolean;
  /** Where account-wide (IAM) findings go in ASFF: Security Hub needs a region. */
  readonly homeRegion: string;
  /** An organisation's findings counted, for console and markdown: `report.findings` then holds only the worst. */
  readonly digest?: FindingsDigest;
}

export function render(format: Format, report: ScanReport, options: RenderOptions): string {
  switch (format) {
    case 'console': return renderConsole(report, options);
    case 'json': return renderJson(report);
    case 'html': return renderHtml(report, options.digest);
    case 'sarif': return renderSarif(report);
    case 'ocsf': return renderOcsf(report);
    case 'asff': return renderAsff(report, options.homeRegion);
    case 'csv': return renderCsv(report);
    case 'junit': return renderJunit(report);
    case 'markdown': return renderMarkdown(report, options.digest);
  }
}
