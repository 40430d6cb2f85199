import type { Finding } from './finding.js';
import type { ScanReport } from './report.js';

/**
 * The findings document (`--format json`) written piece by piece: the header, then the findings
 * as they are read, so a thousand accounts' findings never sit in memory at once. The same
 * document as renderJson, with one finding per line.
 */
export async function* reportJsonChunks(header: ScanReport, findings: AsyncIterable<Finding>): AsyncGenerator<string> {
  const { findings: _empty, suppressions, compliance, stats, organization, ...head } = header;
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n  "findings": [`;
  let first = true;
  for await (const f of findings) {
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify(f)}`;
    first = false;
  }
  const tail = { ...(suppressions ? { suppressions } : {}), ...(compliance ? { compliance } : {}), ...(stats ? { stats } : {}), ...(organization ? { organization } : {}) };
  yield Object.keys(tail).length ? `${first ? '' : '\n  '}],\n${JSON.stringify(tail, null, 2).slice(2)}\n` : `${first ? '' : '\n  '}]\n}\n`;
}
