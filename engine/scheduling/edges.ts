import type { EdgeDefinition } from "../definition/schema";
import type { StepStatus } from "../definition/statuses";

export type EdgeState = "live" | "dead" | "unsettled";

/** What the scheduler needs to know of a step: its status and, once it succeeded, the branch it took. */
export interface StepFacts {
  status: StepStatus;
  branch: string | null;
}

/**
 * An edge is live when its source succeeded (completed or resolved) and took the edge's branch;
 * dead when the source was skipped or cancelled or took another branch; otherwise unsettled
 * (the source has not finished, or it failed and waits for an operator).
 */
export function edgeState(edge: EdgeDefinition, source: StepFacts): EdgeState {
  switch (source.status) {
    case "completed":
    case "resolved":
      return edge.branch === undefined || edge.branch === source.branch ? "live" : "dead";
    case "skipped":
    case "cancelled":
      return "dead";
    default:
      return "unsettled";
  }
}
