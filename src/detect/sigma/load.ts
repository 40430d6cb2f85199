/**
 * Sigma YAML (one or more documents per file) into a rule set. Each document is checked on its
 * own: one that does not parse, is not for CloudTrail, or uses something unsupported becomes a
 * RuleProblem naming the file, the rule and the reason; the others load. Correlations are
 * resolved by `id` or `name` (names in the same file first) after every file is read.
 */
import { parseAllDocuments } from 'yaml';
import { isSeverity, type Severity } from '../../core/severity.js';
import { ConditionError } from './condition.js';
import { compileDetection } from './detection.js';
import { RuleError } from './modifiers.js';
import type { CorrelationRule, CorrelationType, CountCondition, EventRule, Rule, RuleMeta, RuleProblem, RuleSet } from './rule.js';

export interface RuleSource {
  readonly file: string;
  readonly text: string;
}

const CORRELATION_TYPES = new Set<CorrelationType>(['event_count', 'value_count', 'temporal', 'temporal_ordered']);
const COUNT_OPS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

type Doc = Record<string, unknown>;
type EventDraft = Omit<EventRule, 'standalone'>;
type CorrelationDraft = Omit<CorrelationRule, 'standalone' | 'inputs' | 'aliases'> & {
  readonly refs: readonly string[];
  readonly generate: boolean;
  readonly aliasNames: Readonly<Record<string, Readonly<Record<string, string>>>>;
};
type Draft = EventDraft | CorrelationDraft;

export function loadRules(sources: readonly RuleSource[]): RuleSet {
  const problems: RuleProblem[] = [];
  const drafts: Draft[] = [];
  for (const { file, text } of sources) {
    let docs;
    try {
      docs = parseAllDocuments(text, { uniqueKeys: false });
    } catch (error) {
      problems.push({ file, reason: `not YAML: ${message(error)}` });
      continue;
    }
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, i) => {
      const label = list.length > 1 ? `document ${i + 1}` : undefined;
      if (doc.errors.length) return problems.push({ file, ...(label ? { rule: label } : {}), reason: `not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return;
      if (typeof value !== 'object' || Array.isArray(value)) return problems.push({ file, ...(label ? { rule: label } : {}), reason: 'a Sigma rule is a YAML map' });
      const d = value as Doc;
      const name = typeof d.title === 'string' ? d.title : (label ?? file);
      try {
        drafts.push(draft(d, file));
      } catch (error) {
        if (error instanceof RuleError || error instanceof ConditionError) problems.push({ file, rule: name, reason: error.message });
        else throw error;
      }
    });
  }
  return resolve(drafts, problems, sources.length);
}

function draft(d: Doc, file: string): Draft {
  if (d.action !== undefined) throw new RuleError(`"action: ${JSON.stringify(d.action)}" documents (Sigma 1 collections) are not supported`);
  if (d.filter !== undefined) throw new RuleError('Sigma filter documents are not supported');
  if (typeof d.title !== 'string' || !d.title.trim()) throw new RuleError('has no title');
  const meta = metadata(d, file);
  if (d.correlation !== undefined) return { ...meta, ...correlation(d.correlation) };
  if (d.detection === undefined) throw new RuleError('has neither "detection" nor "correlation"');
  checkLogsource(d.logsource);
  const { test, needs } = compileDetection(d.detection);
  return { ...meta, kind: 'event', test, needs };
}

function metadata(d: Doc, file: string): Omit<RuleMeta, 'standalone'> {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);
  const level = typeof d.level === 'string' ? d.level.toLowerCase() : 'medium';
  const severity: Severity = level === 'informational' ? 'info' : isSeverity(level) ? level : 'medium';
  if (typeof d.level === 'string' && severity === 'medium' && level !== 'medium') throw new RuleError(`unknown level "${d.level}" (informational, low, medium, high, critical)`);
  const id = typeof d.id === 'string' ? d.id : typeof d.name === 'string' ? d.name : `${file}#${String(d.title)}`;
  return {
    id,
    ...(typeof d.name === 'string' ? { name: d.name } : {}),
    title: String(d.title),
    level: severity,
    ...(typeof d.status === 'string' ? { status: d.status } : {}),
    ...(typeof d.description === 'string' ? { description: d.description } : {}),
    ...(typeof d.author === 'string' ? { author: d.author } : {}),
    tags: strings(d.tags),
    falsepositives: strings(d.falsepositives),
    references: strings(d.references),
    checklist: strings(d.checklist),
    file,
  };
}

function checkLogsource(logsource: unknown): void {
  if (!logsource || typeof logsource !== 'object') throw new RuleError('has no logsource; Bulwark reads rules for product: aws, service: cloudtrail');
  const { product, service } = logsource as Record<string, unknown>;
  const is = (v: unknown, want: string) => typeof v === 'string' && v.toLowerCase() === want;
  if (!is(product, 'aws') || (service !== undefined && !is(service, 'cloudtrail'))) {
    throw new RuleError(`logsource is ${JSON.stringify(logsource)}, not product: aws, service: cloudtrail`);
  }
}

function correlation(raw: unknown): Omit<CorrelationDraft, keyof RuleMeta> {
  if (!raw || typeof raw !== 'object') throw new RuleError('"correlation" must be a map');
  const c = raw as Doc;
  const type = c.type as CorrelationType;
  if (!CORRELATION_TYPES.has(type)) throw new RuleError(`correlation type "${String(c.type)}" is not one of event_count, value_count, temporal, temporal_ordered`);
  const refs = Array.isArray(c.rules) ? c.rules.map(String) : typeof c.rules === 'string' ? [c.rules] : [];
  if (!refs.length) throw new RuleError('correlation.rules names no rule');
  const rawGroupBy = c['group-by'];
  const groupBy = rawGroupBy === undefined ? [] : (Array.isArray(rawGroupBy) ? rawGroupBy : [rawGroupBy]).map((g) => (typeof g === 'string' ? g : JSON.stringify(g)));
  const timespanMs = parseTimespan(c.timespan);
  const cond = (c.condition ?? {}) as Doc;
  if (typeof cond !== 'object') throw new RuleError('correlation.condition must be a map such as { gte: 10 }');
  const condition: CountCondition = {};
  for (const op of COUNT_OPS) {
    if (cond[op] === undefined) continue;
    const n = Number(cond[op]);
    if (!Number.isFinite(n)) throw new RuleError(`correlation.condition.${op} must be a number`);
    condition[op] = n;
  }
  const unknownOps = Object.keys(cond).filter((k) => k !== 'field' && !(COUNT_OPS as readonly string[]).includes(k));
  if (unknownOps.length) throw new RuleError(`correlation.condition has unknown key ${unknownOps.join(', ')}`);
  if ((type === 'event_count' || type === 'value_count') && !Object.keys(condition).length) throw new RuleError(`a ${type} correlation needs a condition such as { gte: 10 }`);
  if (type === 'value_count' && typeof cond.field !== 'string') throw new RuleError('a value_count correlation needs condition.field');
  const aliasNames = (c.aliases ?? {}) as Record<string, Record<string, string>>;
  return {
    kind: 'correlation',
    type,
    refs,
    groupBy,
    timespanMs,
    condition,
    ...(typeof cond.field === 'string' ? { field: cond.field } : {}),
    aliasNames,
    generate: c.generate === true,
  };
}

export function parseTimespan(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d+)([smhdwMy])$/.exec(value.trim()) : null;
  if (!m) throw new RuleError(`correlation.timespan "${String(value)}" is not a number and a unit such as 30s, 10m, 1h, 1d`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_592_000_000, y: 31_536_000_000 }[m[2] as 's'];
  return Number(m[1]) * unit;
}

/** Correlation references → indexes; rules that only feed correlations stop alerting on their own. */
function resolve(drafts: readonly Draft[], problems: RuleProblem[], files: number): RuleSet {
  const seen = new Set<string>();
  const kept = drafts.filter((d) => {
    if (!seen.has(d.id)) return seen.add(d.id);
    problems.push({ file: d.file, rule: d.title, reason: `id ${d.id} is used by another rule already loaded` });
    return false;
  });

  // A correlation that cannot resolve drops out, which may strand another: repeat until stable.
  let live = kept;
  for (;;) {
    const byId = new Map(live.map((d, i) => [d.id, i]));
    const lookup = (ref: string, file: string) => {
      const local = live.findIndex((d) => d.name === ref && d.file === file);
      if (local >= 0) return local;
      const named = live.findIndex((d) => d.name === ref);
      return named >= 0 ? named : byId.get(ref);
    };
    const broken = live.findIndex((d) => d.kind === 'correlation' && d.refs.some((r) => lookup(r, d.file) === undefined));
    if (broken < 0) {
      const inputs = live.map((d) => (d.kind === 'correlation' ? d.refs.map((r) => lookup(r, d.file)!) : []));
      const cyclic = live.findIndex((_, i) => reaches(i, i, inputs, new Set()));
      if (cyclic < 0) return finish(live, inputs, problems, files);
      problems.push({ file: live[cyclic]!.file, rule: live[cyclic]!.title, reason: 'the correlation refers to itself through its rules' });
      live = live.filter((_, i) => i !== cyclic);
      continue;
    }
    const d = live[broken] as CorrelationDraft;
    problems.push({ file: d.file, rule: d.title, reason: `the correlation refers to ${d.refs.filter((r) => lookup(r, d.file) === undefined).map((r) => `"${r}"`).join(', ')}, which no loaded rule has as id or name` });
    live = live.filter((_, i) => i !== broken);
  }
}

function reaches(from: number, target: number, inputs: readonly (readonly number[])[], visited: Set<number>): boolean {
  for (const next of inputs[from] ?? []) {
    if (next === target) return true;
    if (visited.has(next)) continue;
    visited.add(next);
    if (reaches(next, target, inputs, visited)) return true;
  }
  return false;
}

function finish(drafts: readonly Draft[], inputs: readonly (readonly number[])[], problems: RuleProblem[], files: number): RuleSet {
  const referenced = new Set<number>();
  const generated = new Set<number>();
  drafts.forEach((d, i) => {
    for (const input of inputs[i]!) {
      referenced.add(input);
      if (d.kind === 'correlation' && d.generate) generated.add(input);
    }
  });
  const rules = drafts.map((d, i): Rule => {
    const standalone = !referenced.has(i) || generated.has(i);
    if (d.kind === 'event') return { ...d, standalone };
    const { refs: _refs, generate: _generate, aliasNames, ...rest } = d;
    const aliases = new Map<string, Map<number, string>>();
    for (const [alias, perRule] of Object.entries(aliasNames)) {
      const map = new Map<number, string>();
      for (const [ref, field] of Object.entries(perRule ?? {})) {
        const at = inputs[i]!.find((input) => drafts[input]!.name === ref || drafts[input]!.id === ref);
        if (at !== undefined) map.set(at, String(field));
      }
      aliases.set(alias, map);
    }
    return { ...rest, standalone, inputs: inputs[i]!, aliases };
  });
  return { rules, problems, files };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
