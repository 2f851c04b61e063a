import "server-only";
import type { Db } from "@/server/db/create-prisma-client";

/** One approval step that waits for a decision, as the "Waiting for me" inbox lists it. */
export interface WaitingApproval {
  runId: string;
  stepId: string;
  /** The step's display name when it has one, else its id. */
  stepName: string;
  /** The approval step's configured message, if any. */
  message: string | null;
  workflow: { id: string; name: string } | null;
  /** When the step started waiting. */
  since: Date | null;
}

/** The inbox shows at most this many, oldest first: a bounded read, whatever the backlog. */
export const waitingApprovalsLimit = 50;

/**
 * The team's approval steps waiting for a decision, oldest first. A `waiting` step is an approval
 * or a delay; the run's pinned definition says which (read for the listed runs only).
 */
export async function listWaitingApprovals(db: Db, teamId: string): Promise<WaitingApproval[]> {
  const steps = await db.stepRun.findMany({
    where: { status: "waiting", wakeAt: null, run: { teamId, status: "running" } },
    orderBy: [{ startedAt: "asc" }, { runId: "asc" }],
    take: waitingApprovalsLimit,
    select: {
      runId: true,
      stepId: true,
      startedAt: true,
      run: { select: { definition: true, workflow: { select: { id: true, name: true } } } },
    },
  });
  return steps.flatMap((step) => {
    const definition = parseDefinition(step.run.definition);
    const declared = definition?.steps?.find((candidate) => candidate.id === step.stepId);
    if (declared?.type !== "approval") return [];
    const message = typeof declared.config?.message === "string" ? declared.config.message : null;
    return [{ runId: step.runId, stepId: step.stepId, stepName: declared.name || step.stepId, message, workflow: step.run.workflow, since: step.startedAt }];
  });
}

type StoredStep = { id: string; type: string; name?: string; config?: Record<string, unknown> };

function parseDefinition(text: string): { steps?: StoredStep[] } | null {
  try {
    return JSON.parse(text) as { steps?: StoredStep[] };
  } catch {
    return null;
  }
}
