import type { Definition, EdgeDefinition, StepDefinition } from "./schema";

/** Adjacency of a definition, indexed once per run; edges keep their definition index. */
export interface Graph {
  steps: Map<string, StepDefinition>;
  incoming: Map<string, EdgeDefinition[]>;
  outgoing: Map<string, EdgeDefinition[]>;
  /** Step ids in a topological order (definition order among independent steps). */
  order: string[];
}

export function buildGraph(definition: Pick<Definition, "steps" | "edges">): Graph {
  const steps = new Map(definition.steps.map((step) => [step.id, step]));
  const incoming = new Map<string, EdgeDefinition[]>();
  const outgoing = new Map<string, EdgeDefinition[]>();
  for (const id of steps.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
  }
  for (const edge of definition.edges) {
    outgoing.get(edge.from)?.push(edge);
    incoming.get(edge.to)?.push(edge);
  }
  return { steps, incoming, outgoing, order: topologicalOrder(steps, incoming, outgoing) ?? [] };
}

/** Kahn's algorithm; `null` when there is a cycle. */
function topologicalOrder(
  steps: Map<string, StepDefinition>,
  incoming: Map<string, EdgeDefinition[]>,
  outgoing: Map<string, EdgeDefinition[]>,
): string[] | null {
  const remaining = new Map([...steps.keys()].map((id) => [id, incoming.get(id)!.length]));
  const ready = [...steps.keys()].filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const edge of outgoing.get(id)!) {
      const left = remaining.get(edge.to)! - 1;
      remaining.set(edge.to, left);
      if (left === 0) ready.push(edge.to);
    }
  }
  return order.length === steps.size ? order : null;
}

/** One cycle as a list of step ids (first repeated at the end), or null when the graph is a DAG. */
export function findCycle(stepIds: readonly string[], edges: readonly EdgeDefinition[]): string[] | null {
  const next = new Map<string, string[]>(stepIds.map((id) => [id, []]));
  for (const edge of edges) next.get(edge.from)?.push(edge.to);
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  // Iterative DFS: a 2,000-step chain would overflow a recursive one in the browser.
  for (const root of stepIds) {
    if (state.has(root)) continue;
    const frames: { id: string; nextIndex: number }[] = [{ id: root, nextIndex: 0 }];
    state.set(root, "visiting");
    stack.push(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const targets = next.get(frame.id) ?? [];
      if (frame.nextIndex < targets.length) {
        const target = targets[frame.nextIndex++]!;
        if (state.get(target) === "visiting") return [...stack.slice(stack.indexOf(target)), target];
        if (!state.has(target) && next.has(target)) {
          state.set(target, "visiting");
          stack.push(target);
          frames.push({ id: target, nextIndex: 0 });
        }
      } else {
        state.set(frame.id, "done");
        stack.pop();
        frames.pop();
      }
    }
  }
  return null;
}
