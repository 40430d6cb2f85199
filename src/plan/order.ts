/** Dependency order: a step comes after every step it depends on; otherwise the planned order is kept. */
export function orderSteps<S extends { readonly key: string; readonly dependsOn?: readonly string[] | undefined }>(steps: readonly S[]): S[] {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const ordered: S[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (step: S, path: readonly string[]) => {
    const seen = state.get(step.key);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`fix steps depend on each other in a cycle: ${[...path, step.key].join(' → ')}`);
    state.set(step.key, 'visiting');
    // A dependency outside the plan is left for apply to report: the step cannot run.
    for (const key of step.dependsOn ?? []) {
      const dependency = byKey.get(key);
      if (dependency) visit(dependency, [...path, step.key]);
    }
    state.set(step.key, 'done');
    ordered.push(step);
  };
  for (const step of steps) visit(step, []);
  return ordered;
}
