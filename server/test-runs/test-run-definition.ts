import type { Definition } from "@/engine/definition";

/**
 * The part of a definition that running one step needs: the step and every step it depends on,
 * with the edges between them, and no run output (the run's output is the step's). Pure.
 *
 *   a ──▶ b ──▶ c        oneStepDefinition(def, "b") keeps a ──▶ b
 *   x ──┘
 *                        …and x, which b also depends on
 */
export function oneStepDefinition(definition: Definition, stepId: string): Definition {
  const needed = new Set([stepId]);
  const pending = [stepId];
  while (pending.length) {
    const target = pending.pop()!;
    for (const edge of definition.edges) {
      if (edge.to === target && !needed.has(edge.from)) {
        needed.add(edge.from);
        pending.push(edge.from);
      }
    }
  }
  return {
    ...definition,
    steps: definition.steps.filter((step) => needed.has(step.id)),
    edges: definition.edges.filter((edge) => needed.has(edge.from) && needed.has(edge.to)),
    output: `$steps.${stepId}.output`,
  };
}
