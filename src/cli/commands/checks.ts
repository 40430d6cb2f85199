import { CHECKS } from '../../checks/index.js';
import { UserError } from '../../core/errors.js';
import { selectChecks } from '../../core/select.js';
import { CHECKLIST } from '../../compliance/checklist.js';
import { metadata } from '../../core/metadata.js';
import { requirementNames } from '../../compliance/frameworks/index.js';
import { colorsFor, type Io } from '../io.js';

export interface ListOptions {
  readonly service?: string[];
  readonly services?: string[];
  readonly severity?: string[];
  readonly checklist?: string[];
  readonly format: 'table' | 'json';
}

export function listChecks(options: ListOptions, io: Io): number {
  const checks = selectChecks(CHECKS, {
    ...(options.service || options.services ? { services: [...(options.service ?? []), ...(options.services ?? [])] } : {}),
    ...(options.severity ? { severities: options.severity } : {}),
    ...(options.checklist ? { checklist: options.checklist } : {}),
  });
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(checks.map(metadata), null, 2)}\n`);
    return 0;
  }
  const c = colorsFor(io.stdout, io.env);
  const width = Math.max(...checks.map((check) => check.id.length), 2);
  io.stdout.write(`${c.bold(`${'ID'.padEnd(width)}  SEVERITY  CHECKLIST  TITLE`)}\n`);
  for (const check of checks) {
    io.stdout.write(`${check.id.padEnd(width)}  ${check.severity.padEnd(8)}  ${check.checklist.join(',').padEnd(9)}  ${check.title}\n`);
  }
  io.stdout.write(c.dim(`${checks.length} of ${CHECKS.length} checks\n`));
  return 0;
}

export function explainCheck(id: string, io: Io): number {
  const check = CHECKS.find((candidate) => candidate.id === id);
  if (!check) throw new UserError(`unknown check ${id}: see bulwark checks list`);
  const c = colorsFor(io.stdout, io.env);
  const m = metadata(check);
  const items = CHECKLIST.filter((item) => (check.checklist as readonly string[]).includes(item.id));
  io.stdout.write(
    [
      `${c.bold(m.title)} ${c.dim(`(${m.id})`)}`,
      `Service: ${m.service} · Severity: ${m.severity}`,
      `Checklist: ${items.map((item) => `${item.id} ${item.title}`).join('; ')}`,
      ...(requirementNames(m.id).length ? [`Frameworks: ${requirementNames(m.id).join(', ')}`] : []),
      '',
      c.bold('Why it matters'),
      `  ${m.rationale}`,
      '',
      c.bold('How to fix'),
      `  ${m.remediation.text}`,
      ...(m.remediation.cli ? [`  ${m.remediation.cli}`] : []),
      `  ${m.remediation.url}`,
      '',
      c.bold('Reads'),
      ...m.permissions.map((p) => `  ${p}`),
      '',
    ].join('\n'),
  );
  return 0;
}
