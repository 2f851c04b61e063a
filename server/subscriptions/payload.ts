import "server-only";
import type { PublishedEvent } from "@/engine/index";

export interface DeliveryBody {
  /** Stable per event ("<runId>.<seq>"): the same on every attempt and redelivery. */
  id: string;
  event: PublishedEvent;
  occurredAt: string;
  run: { id: string; status: string; parentRunId: string | null; startedAt: string | null; finishedAt: string | null; durationMs: number | null };
  workflow: { id: string | null; namespace: string; name: string; version: number | null };
  /** The step of a step event, with its error when it failed. */
  step: { id: string; error: unknown } | null;
  /** Steps of the run by status when the delivery was made. */
  steps: Record<string, number> & { total: number };
}

export interface DeliveryPayload {
  teamId: string;
  body: DeliveryBody;
}

interface PayloadSource {
  row: { runId: string; seq: number; event: PublishedEvent; createdAt: Date };
  run: {
    id: string;
    teamId: string | null;
    workflowId: string | null;
    status: string;
    definition: string;
    parentRunId: string | null;
    startedAt: Date | null;
    finishedAt: Date | null;
    workflowVersion: { number: number } | null;
  };
  event: { stepId: string | null; payload: string };
  steps: Record<string, number>;
}

/** The JSON body of one event's deliveries: what happened, to which run of which workflow version. */
export function deliveryPayload({ row, run, event, steps }: PayloadSource): DeliveryPayload {
  const definition = JSON.parse(run.definition) as { namespace?: string; name?: string };
  const eventPayload = JSON.parse(event.payload) as { error?: unknown };
  const total = Object.values(steps).reduce((sum, count) => sum + count, 0);
  return {
    teamId: run.teamId!,
    body: {
      id: `${row.runId}.${row.seq}`,
      event: row.event,
      occurredAt: row.createdAt.toISOString(),
      run: {
        id: run.id,
        status: run.status,
        parentRunId: run.parentRunId,
        startedAt: run.startedAt?.toISOString() ?? null,
        finishedAt: run.finishedAt?.toISOString() ?? null,
        durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      },
      workflow: { id: run.workflowId, namespace: definition.namespace ?? "default", name: definition.name ?? "", version: run.workflowVersion?.number ?? null },
      step: event.stepId ? { id: event.stepId, error: eventPayload.error ?? null } : null,
      steps: { ...steps, total },
    },
  };
}
