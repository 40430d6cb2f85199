/**
 * The strict tester of Sigma rule files: every rule file in rules/ must load without a problem,
 * carry the metadata written once (UUID id, title, status, description, author, date, ATT&CK tag,
 * false positives, level, checklist items that exist), and come with a `.cases.json` beside it
 * holding at least one case that alerts and one that must not, all of which the real engine passes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { CHECKLIST } from '../compliance/checklist.js';
import type { Alert } from '../detect/alert.js';
import { detectEvents, loadRules } from '../detect/engine.js';
import type { Event } from '../detect/sigma/fields.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ATTACK_TECHNIQUE = /^attack\.t\d{4}(\.\d{3})?$/;
const CHECKLIST_IDS: ReadonlySet<string> = new Set(CHECKLIST.map((c) => c.id));
/** The fields every CloudTrail record has; a test event without them is not realistic. */
const RECORD_FIELDS = ['eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'eventID', 'eventType', 'recipientAccountId', 'userIdentity'] as const;

const Cases = z.object({
  cases: z
    .array(z.object({ name: z.string().min(1), expect: z.enum(['alert', 'none']), events: z.array(z.record(z.string(), z.unknown())).min(1) }).strict())
    .min(1),
}).strict();

export interface CaseResult {
  readonly name: string;
  readonly expect: 'alert' | 'none';
  readonly alerts: readonly Alert[];
}

/** Problems with one rule file's shape and metadata; empty when it is fit to ship. */
export function ruleFileProblems(path: string, label = path): string[] {
  const problems: string[] = [];
  const text = readFileSync(path, 'utf8');
  const set = loadRules([{ file: label, text }]);
  for (const p of set.problems) problems.push(`${p.rule ?? p.file}: ${p.reason}`);
  const docs = parseAllDocuments(text);
  const raw = (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as Record<string, unknown>);
  set.rules.forEach((rule) => {
    const doc = raw.find((d) => d.id === rule.id) ?? {};
    const where = `${rule.title}`;
    if (!UUID.test(rule.id)) problems.push(`${where}: id must be a UUID`);
    if (!rule.standalone) return; // Sigma keeps metadata on the outermost rule of a correlation
    for (const field of ['status', 'description', 'date', 'level'] as const) if (doc[field] === undefined) problems.push(`${where}: no ${field}`);
    if (rule.author !== 'Bulwark') problems.push(`${where}: author must be Bulwark`);
    if (!rule.tags.some((t) => ATTACK_TECHNIQUE.test(t))) problems.push(`${where}: no ATT&CK technique tag such as attack.t1078.004`);
    if (!rule.falsepositives.length) problems.push(`${where}: no falsepositives`);
    if (!rule.checklist.length) problems.push(`${where}: no checklist items (checklist: [AS-NN])`);
    for (const id of rule.checklist) if (!CHECKLIST_IDS.has(id)) problems.push(`${where}: checklist item ${id} does not exist`);
  });
  if (!set.rules.some((r) => r.standalone)) problems.push('no rule in the file alerts');

  const casesPath = path.replace(/\.ya?ml$/, '.cases.json');
  if (!existsSync(casesPath)) return [...problems, `no ${casesPath.split('/').pop()} beside the rule`];
  const parsed = Cases.safeParse(JSON.parse(readFileSync(casesPath, 'utf8')));
  if (!parsed.success) return [...problems, `cases file: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
  const { cases } = parsed.data;
  if (!cases.some((c) => c.expect === 'alert')) problems.push('no case that must alert');
  if (!cases.some((c) => c.expect === 'none')) problems.push('no case that must not alert');
  for (const c of cases) {
    c.events.forEach((event, i) => {
      const missing = RECORD_FIELDS.filter((f) => event[f] === undefined);
      if (missing.length) problems.push(`case "${c.name}" event ${i + 1} is not a complete CloudTrail record (no ${missing.join(', ')})`);
    });
  }
  return problems;
}

/** Runs every case of a rule file through the engine. */
export function runRuleCases(path: string, label = path): CaseResult[] {
  const set = loadRules([{ file: label, text: readFileSync(path, 'utf8') }]);
  const { cases } = Cases.parse(JSON.parse(readFileSync(path.replace(/\.ya?ml$/, '.cases.json'), 'utf8')));
  return cases.map((c) => ({ name: c.name, expect: c.expect, alerts: detectEvents(set, c.events as Event[]) }));
}
