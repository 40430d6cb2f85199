/** Where reports go: stdout, one file, or a directory of formats; and the opt-in Security Hub import. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import type { ScanReport } from '../core/report.js';
import { asffFindings, asffRegion } from '../reporters/asff.js';
import { FORMATS, type Format } from '../reporters/formats.js';
import { render } from '../reporters/index.js';
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
      await writeOutput(path, render(format, report, renderOptions));
      io.stderr.write(`Report (${format}) written to ${path}\n`);
    }
    io.stdout.write(render('console', report, toStdout));
    return;
  }
  const format = formats[0]!;
  if (options.output) {
    await writeOutput(options.output, render(format, report, renderOptions));
    io.stderr.write(`Report written to ${options.output}\n`);
  } else io.stdout.write(render(format, report, format === 'console' ? toStdout : renderOptions));
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

export async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
