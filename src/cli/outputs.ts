/** Where reports go: stdout, one file, or a directory of formats; and the opt-in Security Hub import. */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import type { ScanReport } from '../core/report.js';
import { asffFindings, asffRegion } from '../reporters/asff.js';
import { FORMATS, type Format } from '../reporters/formats.js';
import { render } from '../reporters/index.js';
import { chunked, renderPieces } from '../reporters/stream.js';
import { colorsFor, type Io } from './io.js';

export interface WriteOptions {
  readonly outputDir: string | undefined;
  readonly output: string | undefined;
  readonly homeRegion: string;
  readonly verbose: boolean;
  readonly color: boolean;
}

/**
 * One format goes to stdout or `--output`. With `--output-dir` every format goes to its own file
 * there, and the console summary still prints, so a CI log shows what the artefacts hold.
 */
export async function writeReports(report: ScanReport, formats: readonly Format[], options: WriteOptions, io: Io): Promise<void> {
  const plain = colorsFor({ write: () => true, isTTY: false }, io.env, false);
  const renderOptions = { colors: plain, verbose: options.verbose, homeRegion: options.homeRegion };
  const toStdout = { ...renderOptions, colors: colorsFor(io.stdout, io.env, options.color) };
  if (options.outputDir) {
    const dir = options.outputDir;
    await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`cannot create the output directory ${dir}: ${error.code ?? String(error)}`);
    });
    for (const format of formats) {
      const path = join(dir, FORMATS[format]);
      await writeOutput(path, renderPieces(format, report, renderOptions));
      io.stderr.write(`Report (${format}) written to ${path}\n`);
    }
    io.stdout.write(render('console', report, toStdout));
    return;
  }
  const format = formats[0]!;
  if (options.output) {
    await writeOutput(options.output, renderPieces(format, report, renderOptions));
    io.stderr.write(`Report written to ${options.output}\n`);
  } else for (const chunk of chunked(renderPieces(format, report, format === 'console' ? toStdout : renderOptions))) io.stdout.write(chunk);
}

export async function sendToSecurityHub(report: ScanReport, homeRegion: string, aws: AwsContext, io: Io): Promise<boolean> {
  const { importToSecurityHub } = await import('../export/security-hub.js');
  const findings = asffFindings(report, homeRegion);
  const regions = new Set(report.findings.filter((f) => f.status !== 'NOT_APPLICABLE').map((f) => asffRegion(f, homeRegion)));
  io.stderr.write(`Importing ${findings.length} findings into Security Hub in ${regions.size} regions (BatchImportFindings, 100 per call)\n`);
  const result = await importToSecurityHub(aws, findings);
  for (const problem of result.problems) io.stderr.write(`bulwark: Security Hub: ${problem}\n`);
  io.stderr.write(`Security Hub: ${result.imported} of ${findings.length} findings imported\n`);
  return result.problems.length === 0;
}

/** Writes text, or a report piece by piece, to a file; memory holds one chunk at a time. */
export async function writeOutput(path: string, text: string | Iterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunked(typeof text === 'string' ? [text] : text)), createWriteStream(path));
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
