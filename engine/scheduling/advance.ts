import type { Graph } from "../definition/graph";
import { edgeState, type StepFacts } from "./edges";

export interface Advance {
  /** Pending steps whose incoming edges are all settled with at least one live: run them. */
  queue: string[];
  /** Pending steps whose incoming edges are all dead (dead-path elimination), in propagation order. */
  skip: string[];
}

/**
 * Decides what follows from steps that just settled: examines their successors, skips those whose
 * every incoming edge is dead and propagates the skip downstream. Pass the start steps (or every
 * step) as `changed` to evaluate from scratch. Pure: reads `facts`, changes nothing.
 *
 *   a ──true──▶ b ──▶ d        a took "false": b is skipped; d waits for c
 *   └──false─▶ c ──┘           once c completes, d is queued
 */
export function advance(graph: Graph, facts: (stepId: string) => StepFacts, changed: Iterable<string>): Advance {
  const queue: string[] = [];
  const skip: string[] = [];
  const decided = new Map<string, "queue" | "skip">();
  const factsOf = (id: string): StepFacts =>
    decided.get(id) === "skip" ? { status: "skipped", branch: null } : facts(id);
  const worklist: string[] = [];
  const examine = (id: string) => {
    if (!decided.has(id)) worklist.push(id);
  };
  for (const id of changed) {
    if (graph.incoming.get(id)?.length === 0 && facts(id).status === "pending") examine(id);
    for (const edge of graph.outgoing.get(id) ?? []) examine(edge.to);
  }
  while (worklist.length > 0) {
    const id = worklist.shift()!;
    if (decided.has(id) || facts(id).status !== "pending") continue;
    const incoming = graph.incoming.get(id)!;
    const states = incoming.map((edge) => edgeState(edge, factsOf(edge.from)));
    if (states.includes("unsettled")) continue;
    if (incoming.length === 0 || states.includes("live")) {
      decided.set(id, "queue");
      queue.push(id);
    } else {
      decided.set(id, "skip");
      skip.push(id);
      for (const edge of graph.outgoing.get(id)!) examine(edge.to);
    }
  }
  return { queue, skip };
}
