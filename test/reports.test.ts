import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import Ajv2020Module from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from './support/run-cli.js';
import { ocsfDetectionFinding } from './support/ocsf-detection-finding.js';
import type { ScanReport } from '../src/core/report.js';
import { CHECKS } from '../src/checks/index.js';
import { FORMAT_NAMES, FORMATS } from '../src/reporters/formats.js';
import { reportSchema } from '../src/core/report-schema.js';

// Ajv's typings do not resolve under NodeNext, so the shape used here is stated (the SARIF schema is draft-04, ours 2020-12).
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv = AjvDraft04 as unknown as new (options: object) => { compile(schema: object): Validate };
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv;

let dir: string;
let report: ScanReport;
const read = (file: string) => readFile(join(dir, file), 'utf8');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-reports-'));
  const result = await runCli(['scan', '--demo', '--format', FORMAT_NAMES.join(','), '--output-dir', dir, '--suppressions', 'examples/suppressions.yaml']);
  expect(result.code).toBe(1);
  report = JSON.parse(await read(FORMATS.json)) as ScanReport;
});

describe('every format from one demo scan with --output-dir', () => {
  it('writes each format to its file and still prints the console summary', async () => {
    const result = await runCli(['scan', '--demo', '--format', 'csv,junit', '--output-dir', join(dir, 'two')]);
    expect(result.stderr).toContain(`Report (csv) written to ${join(dir, 'two', 'bulwark.csv')}`);
    expect(result.stdout).toMatch(/^Summary: /m);
    expect(report.summary.SUPPRESSED).toBe(4);
  });

  it('JSON is the findings document its generated schema describes, suppressions included', async () => {
    expect(() => reportSchema.parse(report)).not.toThrow();
    // The generated JSON Schema, as other tools read it, accepts the document too.
    const schema = JSON.parse(await readFile('schemas/report.schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...report, findings: [{ ...report.findings[0], status: 'MAYBE' }] })).toBe(false);
    expect(report.suppressions?.entries.map((e) => e.state)).toEqual(['active', 'active', 'expired', 'stale']);
    const cis = JSON.parse((await runCli(['scan', '--demo', '--format', 'json', '--compliance', 'cis-7.0'])).stdout) as unknown;
    expect(reportSchema.parse(cis).compliance?.requirements).toHaveLength(70);
  });

  it('SARIF is valid against the SARIF 2.1.0 schema, with one rule per check and stable fingerprints', async () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(await readFile(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    const sarif = JSON.parse(await read(FORMATS.sarif)) as { runs: [{ tool: { driver: { rules: { id: string; properties: { 'security-severity': string } }[] } }; results: { ruleId: string; ruleIndex: number; kind: string; partialFingerprints: Record<string, string>; suppressions?: { justification: string }[] }[] }] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const [run] = sarif.runs;
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(CHECKS.map((c) => c.id).sort());
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    const ids = new Set(report.findings.filter((f) => f.status !== 'NOT_APPLICABLE').map((f) => f.id));
    expect(new Set(run.results.map((r) => r.partialFingerprints['bulwarkFindingId/v1']))).toEqual(ids);
    expect(run.results.filter((r) => r.suppressions).map((r) => r.suppressions![0]!.justification)).toContain('Public website assets; reviewed by security on 2026-10-01 (examples/suppressions.yaml:5)');
    expect(run.results.filter((r) => r.kind === 'fail')).toHaveLength(report.summary.FAIL + report.summary.SUPPRESSED);
  });

  it('OCSF is one Detection Finding (class 2004) per finding', async () => {
    const ocsf = JSON.parse(await read(FORMATS.ocsf)) as unknown[];
    expect(ocsf).toHaveLength(report.findings.length);
    for (const event of ocsf) ocsfDetectionFinding.parse(event);
    const resources = ocsf.map((e) => (e as { resources: { uid: string; labels?: string[] }[] }).resources[0]!);
    expect(resources.find((r) => r.uid.endsWith('security-group/sg-0f66a77b88c99d0a6'))!.labels).toEqual(['Environment:sandbox', 'Owner:carol']);
    expect(resources.find((r) => r.uid === 'arn:aws:s3:::demo-website-assets')!.labels).toEqual(['Purpose:website', 'Environment:production']);
    expect(ocsf.filter((e) => (e as { status: string }).status === 'Suppressed')).toHaveLength(4);
  });

  it('ASFF has every field BatchImportFindings requires, within its limits, with account-wide findings in the home region', async () => {
    const asff = z
      .array(
        z.object({
          SchemaVersion: z.literal('2018-10-08'),
          Id: z.string().min(1).max(512),
          ProductArn: z.string().regex(/^arn:aws:securityhub:[a-z0-9-]+:111122223333:product\/111122223333\/default$/),
          GeneratorId: z.string().min(1).max(512),
          AwsAccountId: z.string().regex(/^\d{12}$/),
          Types: z.array(z.string().regex(/^[^/]+\/[^/]+(\/[^/]+)?$/)).min(1).max(50),
          CreatedAt: z.iso.datetime(),
          UpdatedAt: z.iso.datetime(),
          Severity: z.object({ Label: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']) }).loose(),
          Title: z.string().min(1).max(256),
          Description: z.string().min(1).max(1024),
          Resources: z.array(z.object({ Type: z.string().min(1), Id: z.string().min(1), Partition: z.literal('aws'), Region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/) }).loose()).min(1).max(32),
          Compliance: z.object({ Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']), RelatedRequirements: z.array(z.string()).max(32).optional() }),
          Workflow: z.object({ Status: z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']) }),
          RecordState: z.literal('ACTIVE'),
        }).loose(),
      )
      .parse(JSON.parse(await read(FORMATS.asff)));
    expect(asff).toHaveLength(report.findings.filter((f) => f.status !== 'NOT_APPLICABLE').length);
    const rootMfa = asff.find((f) => f.GeneratorId === 'bulwark/iam-root-mfa-enabled')!;
    expect(rootMfa.Resources[0]!.Region).toBe('us-east-1');
    expect(rootMfa.ProductArn).toContain(':securityhub:us-east-1:');
    expect(rootMfa.Compliance).toEqual({ Status: 'FAILED', RelatedRequirements: ['cis-7.0 2.5'] });
    expect(asff.filter((f) => f.Workflow.Status === 'SUPPRESSED')).toHaveLength(4);
  });

  it('CSV has a row per finding with the header columns, and parses back', async () => {
    const rows = parseCsv<Record<string, string>>(await read(FORMATS.csv), { columns: true });
    expect(rows).toHaveLength(report.findings.length);
    expect(rows.map((r) => r.finding_id)).toEqual(report.findings.map((f) => f.id));
    const suppressed = rows.find((r) => r.status === 'SUPPRESSED')!;
    expect(suppressed.verdict).toBe('FAIL');
    expect(suppressed.suppression_reason).not.toBe('');
  });

  it('JUnit is well-formed XML with a test case per check and a failure per failing check', async () => {
    const xml = await read(FORMATS.junit);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml) as { testsuites: { '@_tests': string; '@_failures': string; testsuite: { testcase: { failure?: unknown }[] }[] } };
    const cases = parsed.testsuites.testsuite.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(CHECKS.length);
    const failingChecks = new Set(report.findings.filter((f) => f.status === 'FAIL').map((f) => f.checkId));
    expect(cases.filter((c) => c.failure)).toHaveLength(failingChecks.size);
    expect(Number(parsed.testsuites['@_failures'])).toBe(failingChecks.size);
  });

  it('markdown summarises counts, groups failures by severity and lists suppressions to review', async () => {
    const md = await read(FORMATS.markdown);
    expect(md).toContain(`| ${report.summary.FAIL} | ${report.summary.UNKNOWN} | 0 | ${report.summary.MANUAL} | 4 | ${report.summary.PASS} |`);
    expect(md).toMatch(/### Critical \(\d+\)/);
    expect(md).toContain('| AS-01 | ❌ FAIL | Root account has MFA |');
    expect(md).toContain('expired on 2026-06-30: 1 finding no longer suppressed');
    expect(md).toMatch(/examples\/suppressions\.yaml:19` matches nothing/);
  });

  it('HTML is one file that asks for nothing: a CSP forbids requests, every script and style is inline', async () => {
    const html = await read(FORMATS.html);
    expect(html).toContain(`content="default-src 'none'; style-src 'sha256-`);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    const data = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!;
    expect((JSON.parse(data) as { findings: unknown[] }).findings).toHaveLength(report.findings.length);
    const cis = (await runCli(['scan', '--demo', '--format', 'html', '--compliance', 'cis-7.0'])).stdout;
    expect(cis).toContain('<h2>CIS Amazon Web Services Foundations Benchmark 7.0.0</h2>');
    expect(/<section id="compliance">.*?<\/section>/s.exec(cis)![0].match(/<tr>/g)).toHaveLength(71);
  });
});
