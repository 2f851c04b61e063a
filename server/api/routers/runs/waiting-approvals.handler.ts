import "server-only";
import { hasRole } from "@/server/roles";
import { listWaitingApprovals, type WaitingApproval } from "@/server/runs/waiting-approvals";
import type { TeamContext } from "../../trpc";

/**
 * "Waiting for me": approval steps the caller's role can decide (approving needs the editor role,
 * as `runs.approveStep` does). A viewer's inbox is empty.
 */
export async function waitingApprovals({ ctx }: { ctx: TeamContext }): Promise<WaitingApproval[]> {
  if (!hasRole(ctx.membership.role, "editor")) return [];
  return listWaitingApprovals(ctx.db, ctx.membership.teamId);
}
