import { errorBranch, type EdgeDefinition } from "../definition/schema";
import type { StepStatus } from "../definition/statuses";

export type EdgeState = "live" | "dead" | "unsettled";

/**
 * What the scheduler needs to know of a step: its status and, once it settled, the branch it took
 * (`error` when it failed permanently and an error edge leaves it); `optional` from its definition.
 */
export interface StepFacts {
  status: StepStatus;
  branch: string | null;
  optional?: boolean;
}

/**
 * An edge is live when its source succeeded (completed or resolved) and took the edge's branch;
 * dead when the source was skipped or cancelled or took another branch; otherwise unsettled
 * (the source has not finished, or it failed and waits for an operator).
 *
 * A source that failed permanently settles its edges when the failure is handled: with an error edge
 * it took the `error` branch (only that edge is live); an `optional` step without one lets its
 * ordinary edges go on (its output is null). Error edges of any other source are dead.
 */
export function edgeState(edge: EdgeDefinition, source: StepFacts): EdgeState {
  switch (source.status) {
    case "completed":
    case "resolved":
      return edge.branch === undefined || edge.branch === source.branch ? "live" : "dead";
    case "failed":
      if (source.branch === errorBranch) return edge.branch === errorBranch ? "live" : "dead";
      if (source.optional) return edge.branch === errorBranch ? "dead" : "live";
      return "unsettled";
    case "skipped":
    case "cancelled":
      return "dead";
    default:
      return "unsettled";
  }
}
