import "server-only";
import { stepStatuses, type StepError, type StepStatus } from "@/engine/definition";
import type { Db } from "@/server/db/create-prisma-client";
import { oneOf, parseJson } from "./run-rows";

interface DefinitionShape {
  steps?: { id?: unknown; type?: unknown; name?: unknown; config?: unknown }[];
  edges?: { from?: unknown; to?: unknown }[];
}

/** What one step of a run received, did and produced: the step data view of the run drawer and the designer. */
export interface StepData {
  stepId: string;
  type: string;
  status: StepStatus;
  attempt: number;
  /** The step's config as written in the run's definition (expressions unevaluated, `$secrets.NAME` by name only). */
  config: unknown;
  /** What the step could read: the run input and the outputs of the steps with an edge into it. */
  received: { input: unknown; steps: Record<string, unknown> };
  output: unknown;
  error: StepError | null;
  /**
   * What the last attempt recorded: for an http step the request sent and the response (status,
   * headers, body cut at 64 KB), secret values redacted; `{ pinned: true }` when a test run used pinned data.
   */
  detail: Record<string, unknown> | null;
}

/** One step of one of the team's runs; null when the run is another team's or has no such step. */
export async function readStepData(db: Db, teamId: string, runId: string, stepId: string): Promise<StepData | null> {
  const run = await db.run.findFirst({ where: { id: runId, teamId }, select: { definition: true, input: true } });
  if (!run) return null;
  const definition = parseJson(run.definition) as DefinitionShape;
  const step = definition.steps?.find((candidate) => candidate.id === stepId);
  if (!step) return null;
  const upstream = (definition.edges ?? []).filter((edge) => edge.to === stepId).map((edge) => String(edge.from));
  const rows = await db.stepRun.findMany({
    where: { runId, stepId: { in: [stepId, ...upstream] } },
    select: { stepId: true, status: true, attempt: true, output: true, error: true, detail: true },
  });
  const row = rows.find((candidate) => candidate.stepId === stepId);
  if (!row) return null;
  const received: Record<string, unknown> = {};
  for (const id of upstream) received[id] = parseJson(rows.find((candidate) => candidate.stepId === id)?.output ?? null);
  return {
    stepId,
    type: String(step.type),
    status: oneOf(stepStatuses, row.status),
    attempt: row.attempt,
    config: step.config ?? {},
    received: { input: parseJson(run.input), steps: received },
    output: parseJson(row.output),
    error: parseJson(row.error) as StepError | null,
    detail: parseJson(row.detail) as Record<string, unknown> | null,
  };
}
