import type { RunView } from "@/engine/definition/fold-run-events";
import { errorBranch, type Definition } from "@/engine/definition/schema";
import { edgeIds } from "@/components/canvas/to-flow";

export type EdgeRunState = "taken" | "dead" | "pending";

/**
 * Per edge (by canvas edge id): taken when its source finished down this edge, dead when the
 * source was skipped or cancelled or took another branch, pending otherwise (including failed
 * sources, which a retry or resolve may still send down it). A source that failed for good took
 * its `error` edge (the others are dead) or, optional, goes on down its other edges.
 */
export function edgeRunStates(definition: Pick<Definition, "edges"> & { steps?: Definition["steps"] }, run: Pick<RunView, "steps">): Record<string, EdgeRunState> {
  const ids = edgeIds(definition.edges);
  const optional = new Set(definition.steps?.filter((step) => step.optional).map((step) => step.id));
  return Object.fromEntries(
    definition.edges.map((edge, index) => {
      const source = run.steps[edge.from];
      let state: EdgeRunState = "pending";
      if (source?.status === "completed" || source?.status === "resolved")
        state = edge.branch === undefined || edge.branch === source.branch ? "taken" : "dead";
      else if (source?.status === "skipped" || source?.status === "cancelled") state = "dead";
      else if (source?.status === "failed" && source.branch === errorBranch) state = edge.branch === errorBranch ? "taken" : "dead";
      else if (source?.status === "failed" && optional.has(edge.from)) state = edge.branch === errorBranch ? "dead" : "taken";
      return [ids[index]!, state];
    }),
  );
}
