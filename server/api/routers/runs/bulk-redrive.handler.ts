import "server-only";
import { redriveRun } from "@/server/runs/redrive-run";
import type { TeamContext } from "../../trpc";
import { bulkRunAction } from "./bulk-cancel.handler";
import type { BulkRunActionInput, BulkRunActionResult } from "./bulk-cancel.schema";

/**
 * Redrives failed and cancelled runs of the team, each on the latest published version of its own
 * workflow. Runs of another status are reported, not touched.
 */
export function bulkRedriveRuns({ ctx, input }: { ctx: TeamContext; input: BulkRunActionInput }): Promise<BulkRunActionResult> {
  return bulkRunAction<null>(ctx, input, {
    check: (runs) =>
      runs.map((run) => (run.status === "failed" || run.status === "cancelled" ? { runId: run.id, plan: null } : { runId: run.id, reason: `not failed or cancelled (${run.status})` })),
    async act(engine, runId, _plan, actor) {
      await redriveRun(ctx.db, engine, ctx.membership.teamId, runId, "latest", actor);
    },
    audit: () => ({ action: "run.redriven", detail: {} }),
  });
}
