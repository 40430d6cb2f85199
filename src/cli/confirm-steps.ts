/**
 * The per-step question of `fix --apply` and `respond --contain --apply` on a terminal: yes / no /
 * all / quit, with the step's risk, whether it can be undone, and the calls it makes. A closed
 * terminal or repeated nonsense is a quit. `onApprove` hears every yes before the step runs
 * (respond journals it as an approval).
 */
import type { Answer } from '../plan/apply.js';
import { describeCall, riskLabel } from '../plan/render.js';
import type { PlannedStep } from '../plan/schema.js';
import { neutralise } from '../lib/text.js';
import type { Colors, Io } from './io.js';

const ANSWERS: Record<string, Answer> = { y: 'yes', yes: 'yes', n: 'no', no: 'no', a: 'all', all: 'all', q: 'quit', quit: 'quit' };

export function stepConfirmer(steps: readonly PlannedStep[], io: Io, c: Colors, onApprove?: (keys: readonly string[]) => Promise<void>) {
  const number = new Map(steps.map((s, i) => [s.key, i + 1]));
  return async (step: PlannedStep): Promise<Answer> => {
    const marks = [step.undo?.length ? '' : c.red('(irreversible)'), step.risk === 'costs-money' ? c.magenta('(costs money)') : ''].filter(Boolean).join(' ');
    const question = `Step ${number.get(step.key)}/${steps.length}: ${neutralise(step.title)} ${riskLabel(step.risk, c)}${marks ? ` ${marks}` : ''}\n  ${step.calls.map(describeCall).join('\n  ')}\n  apply? [y]es / [n]o / [a]ll / [q]uit: `;
    for (let attempt = 0; attempt < 3; attempt++) {
      let reply: string;
      try {
        reply = await io.prompt!(question);
      } catch {
        return 'quit';
      }
      const answer = ANSWERS[reply.trim().toLowerCase()];
      if (answer === 'yes') await onApprove?.([step.key]);
      if (answer === 'all') await onApprove?.(steps.slice(number.get(step.key)! - 1).map((s) => s.key));
      if (answer) return answer;
    }
    return 'quit';
  };
}
