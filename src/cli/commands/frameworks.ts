import { CHECKS } from '../../checks/index.js';
import { CHECKLIST } from '../../compliance/checklist.js';
import { selectorOf, type Framework } from '../../compliance/framework.js';
import { FRAMEWORKS } from '../../compliance/frameworks/index.js';
import { UserError } from '../../core/errors.js';
import { colorsFor, type Io } from '../io.js';

/** The checklist, as a framework whose mapping lives on the checks (`checklist: [...]`). */
function checklistFramework(): Framework {
  return {
    id: 'checklist',
    title: 'Account-security checklist',
    version: '1',
    url: 'docs/CHECKS.md#checklist-coverage',
    requirements: CHECKLIST.map((item) => ({
      id: item.id,
      section: item.section,
      title: item.title,
      automated: !item.id.startsWith('AS-M'),
      checks: CHECKS.filter((c) => (c.checklist as readonly string[]).includes(item.id)).map((c) => c.id),
    })),
  };
}

const all = () => [checklistFramework(), ...FRAMEWORKS];

export function listFrameworks(io: Io): number {
  const c = colorsFor(io.stdout, io.env);
  for (const f of all()) {
    const checked = f.requirements.filter((r) => r.checks.length).length;
    io.stdout.write(`${f.id.padEnd(10)}  ${f.title} ${f.version} ${c.dim(`(${f.requirements.length} requirements, ${checked} checked)`)}\n`);
  }
  io.stdout.write(c.dim('bulwark frameworks show <id> lists the requirements; bulwark scan --compliance <id> gives verdicts\n'));
  return 0;
}

export function showFramework(id: string, format: 'table' | 'json', io: Io): number {
  const framework = all().find((f) => f.id === id);
  if (!framework) throw new UserError(`unknown framework ${id}: choose from ${all().map((f) => f.id).join(', ')}`);
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ ...framework, requirements: framework.requirements.map((r) => ({ ...r, checks: r.checks.map(selectorOf) })) }, null, 2)}\n`);
    return 0;
  }
  const c = colorsFor(io.stdout, io.env);
  io.stdout.write(`${c.bold(`${framework.title} ${framework.version}`)} ${c.dim(framework.url)}\n`);
  let section = '';
  for (const r of framework.requirements) {
    if (r.section !== section) io.stdout.write(`${c.bold((section = r.section))}\n`);
    const checks = [...new Set(r.checks.map((e) => selectorOf(e).check))];
    const kind = `${r.automated ? 'automated' : 'manual'}${r.profile ? ` ${r.profile}` : ''}`;
    io.stdout.write(`  ${r.id.padEnd(6)} ${kind.padEnd(12)} ${r.title}\n`);
    io.stdout.write(`         ${checks.length ? c.dim(`${checks.join(', ')}${r.coverage && r.coverage !== 'full' ? ` (${r.coverage})` : ''}`) : c.yellow('MANUAL: no check')}\n`);
  }
  return 0;
}
