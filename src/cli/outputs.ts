/** Where reports go: stdout, one file, or a directory of formats; and the opt-in Security Hub import. */
import { createWriteStream } from 'node:fs';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AwsContext } from '../aws/context.js';
import { UserError } from '../core/errors.js';
import type { ScanReport } from '../core/report.js';
import { asffFindings, asffRegion } from '../reporters/asff.js';
import { FORMATS, type Format } from '../reporters/formats.js';
import { render } from '../reporters/index.js';
import { renderSummary } from '../reporters/console.js';
import { fileProblem } from '../lib/fs-errors.js';
import { chunked, renderPieces } from '../reporters/stream.js';
import { DIGEST_FORMATS, type FindingsDigest } from '../reporters/digest.js';
import { colorsFor, type Io } from './io.js';

export interface WriteOptions {
  readonly outputDir: string | undefined;
  readonly output: string | undefined;
  readonly homeRegion: string;
  readonly verbose: boolean;
  readonly color: boolean;
  /** `--format` named console: with `--output-dir`, the whole console report prints, not only the summary. */
  readonly consoleNamed: boolean;
  /** `--quiet`: the console shows the summary alone, and no notices go to stderr. */
  readonly quiet: boolean;
}

/** The write options of a scan's flags. */
export function writeOptions(flags: { output?: string | undefined; verbose?: boolean | undefined; color: boolean; format?: readonly string[] | undefined; quiet?: boolean | undefined }, outputDir: string | undefined, homeRegion: string): WriteOptions {
  return {
    outputDir,
    output: flags.output,
    homeRegion,
    verbose: Boolean(flags.verbose),
    color: flags.color,
    consoleNamed: Boolean(flags.format?.some((f) => f.toLowerCase() === 'console')),
    quiet: Boolean(flags.quiet),
  };
}

/**
 * Every path the scan will write, checked before anything is collected: a typo in `--output`
 * must not cost an hour of collection. The output directory is created here.
 */
export async function checkOutputPaths(paths: { readonly files: readonly (readonly [option: string, path: string])[]; readonly dir?: string | undefined }): Promise<void> {
  if (paths.dir) {
    const dir = paths.dir;
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    } catch (error) {
      throw new UserError(`--output-dir ${dir}: cannot write there (${fileProblem(error)}): choose a directory you can write to`);
    }
  }
  for (const [option, path] of paths.files) {
    const problem = await stat(path).then(
      (s) => (s.isDirectory() ? 'it is a directory' : access(path, constants.W_OK).then(() => undefined, fileProblem)),
      () => access(dirname(path), constants.W_OK).then(() => undefined, (error: unknown) => `${fileProblem(error)}: ${dirname(path)}`),
    );
    if (problem) throw new UserError(`${option} ${path}: cannot write there (${problem}): choose a file in a directory you can write to`);
  }
}

/**
 * One format goes to stdout or `--output`. With `--output-dir` every format goes to its own file
 * there, and the console summary still prints (the whole console report when `--format console`
 * is named), so a CI log shows what the artefacts hold.
 * A file that cannot be written is said in one line and does not stop the others; the result
 * is false when any could not.
 * With a digest (an organisation), console and markdown render from it and `report.findings` is
 * only iterated, by the formats that stream (STREAMED_FORMATS).
 */
export async function writeReports(report: ScanReport, formats: readonly Format[], options: WriteOptions, io: Io, digest?: FindingsDigest): Promise<boolean> {
  const plain = colorsFor({ write: () => true, isTTY: false }, io.env, false);
  const renderOptions = { colors: plain, verbose: options.verbose, homeRegion: options.homeRegion, ...(digest ? { digest } : {}) };
  const toStdout = { ...renderOptions, colors: colorsFor(io.stdout, io.env, options.color) };
  const digested = digest ? { ...report, findings: [...digest.shown] } : report;
  const reportFor = (format: Format) => (DIGEST_FORMATS.has(format) ? digested : report);
  const notice = (text: string) => options.quiet || io.stderr.write(text);
  const summary = () => io.stdout.write(`${renderSummary(digested, toStdout.colors, digest)}\n`);
  if (options.outputDir) {
    let written = true;
    for (const format of formats) {
      const path = join(options.outputDir, FORMATS[format]);
      if (await writeOutput(path, renderPieces(format, reportFor(format), renderOptions), io)) notice(`Report (${format}) written to ${path}\n`);
      else written = false;
    }
    if (options.consoleNamed && !options.quiet) io.stdout.write(render('console', digested, toStdout));
    else summary();
    return written;
  }
  const format = formats[0]!;
  if (options.output) {
    const written = await writeOutput(options.output, renderPieces(format, reportFor(format), renderOptions), io);
    if (written) notice(`Report written to ${options.output}\n`);
    return written;
  }
  if (format === 'console' && options.quiet) {
    summary();
    return true;
  }
  for (const chunk of chunked(renderPieces(format, reportFor(format), format === 'console' ? toStdout : renderOptions))) io.stdout.write(chunk);
  return true;
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

/** Writes text, or a report piece by piece, to one file: memory holds one chunk at a time. */
export async function writeTextFile(path: string, text: string | Iterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunked(typeof text === 'string' ? [text] : text)), createWriteStream(path));
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${fileProblem(error)}`);
  }
}

/** Writes one output file; a failure is one line on stderr and false, so other outputs still go out. */
export async function writeOutput(path: string, text: string | Iterable<string>, io: Io): Promise<boolean> {
  try {
    await writeTextFile(path, text);
    return true;
  } catch (error) {
    io.stderr.write(`bulwark: ${(error as Error).message}\n`);
    return false;
  }
}
