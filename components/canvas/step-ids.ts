import type { EdgeDefinition, StepDefinition } from "@/engine/definition";

const maxIdLength = 64;

/** `<stem>_<n>` with the smallest free n; a trailing `_<digits>` is the counter, so `code_1` gives `code_2`. */
export function freshStepId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/_\d+$/, "").slice(0, maxIdLength - 8);
  for (let n = 1; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Copies `steps` into a workflow whose ids are `taken`: ids kept when free, made fresh otherwise;
 * only edges between copied steps survive, remapped; positions shifted by `offset`.
 */
export function copySteps(
  steps: readonly StepDefinition[],
  edges: readonly EdgeDefinition[],
  offset: { x: number; y: number },
  taken: ReadonlySet<string>,
): { steps: StepDefinition[]; edges: EdgeDefinition[] } {
  const used = new Set(taken);
  const renamed = new Map<string, string>();
  for (const step of steps) {
    const id = used.has(step.id) ? freshStepId(step.id, used) : step.id;
    used.add(id);
    renamed.set(step.id, id);
  }
  const copied = steps.map((step) => {
    const position = step.position ?? { x: 0, y: 0 };
    return { ...step, id: renamed.get(step.id)!, position: { x: position.x + offset.x, y: position.y + offset.y } };
  });
  const copiedEdges = edges
    .filter((edge) => renamed.has(edge.from) && renamed.has(edge.to))
    .map((edge) => ({ ...edge, from: renamed.get(edge.from)!, to: renamed.get(edge.to)! }));
  return { steps: copied, edges: copiedEdges };
}
