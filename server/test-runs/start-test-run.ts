import "server-only";
import { getStepSpec, ValidationError, type Definition } from "@/engine/definition";
import type { Engine, PinnedOutputs } from "@/engine";
import { runTarget } from "@/server/audit/audit-targets";
import { recordAuditAfter, type AuditActor } from "@/server/audit/record-audit";
import type { Db } from "@/server/db/create-prisma-client";
import { NotFoundError } from "@/server/api/errors";
import { validateDraftOf } from "@/server/api/routers/workflows/draft-validation";
import { findTeamWorkflow, parseDraft } from "@/server/api/routers/workflows/workflow-access";
import type { TeamMembership } from "@/server/api/trpc";
import { oneStepDefinition } from "./test-run-definition";

export interface TestRunRequest {
  workflowId: string;
  /** Run only this step (and the steps it depends on, pinned from `fromRunId` where that run has their outputs). */
  stepId?: string;
  /** Take the run input, and the outputs of the steps a one-step run depends on, from this run of the team. */
  fromRunId?: string;
  /** The run input when `fromRunId` is not given; `{}` when neither is. */
  input?: unknown;
}

/**
 * Starts a test run of a workflow's draft: the draft is validated and snapshot into the run (no
 * version is made), the run is marked `test`, and steps with pinned sample data use it instead of
 * running. Only the designer starts these (the `runs.startTest` and `runs.testStep` procedures);
 * webhooks, schedules and the REST API start published versions through `startPublishedRun`.
 */
export async function startTestRun(db: Db, engine: Engine, membership: TeamMembership, actor: AuditActor, request: TestRunRequest): Promise<{ runId: string }> {
  const workflow = await findTeamWorkflow({ db, membership }, request.workflowId);
  const validation = validateDraftOf(workflow, parseDraft(workflow.draft));
  if (!validation.ok) throw new ValidationError(validation.issues, "the draft cannot run: fix its problems first");
  const draft = validation.definition;
  if (request.stepId !== undefined && !draft.steps.some((step) => step.id === request.stepId))
    throw new ValidationError([{ path: "stepId", message: `the draft has no step "${request.stepId}"` }], "cannot run the step");
  const definition = request.stepId === undefined ? draft : oneStepDefinition(draft, request.stepId);
  const pins = await workflowPins(db, workflow.id, definition);
  let input: unknown = request.input ?? {};
  if (request.fromRunId !== undefined) {
    const source = await runOutputs(db, membership.teamId, request.fromRunId);
    input = source.input;
    // A one-step run takes what the chosen run's earlier steps produced, so only the step itself runs.
    if (request.stepId !== undefined) Object.assign(pins, source.outputs);
  }
  if (request.stepId !== undefined) delete pins[request.stepId];
  const { runId } = await engine.startRun({ definition, input, teamId: membership.teamId, workflowId: workflow.id, workflowVersionId: null, test: { pins: onlySteps(pins, definition) } });
  const detail = { workflow: workflow.name, workflowId: workflow.id, test: true, ...(request.stepId ? { step: request.stepId } : {}) };
  await recordAuditAfter(db, { teamId: membership.teamId, actor, action: "run.started", target: runTarget(runId, workflow.name), detail });
  return { runId };
}

/** The workflow's pinned sample data for steps of `definition` that take no branch. */
async function workflowPins(db: Db, workflowId: string, definition: Definition): Promise<PinnedOutputs> {
  const rows = await db.stepPin.findMany({ where: { workflowId }, select: { stepId: true, output: true } });
  const pins: PinnedOutputs = {};
  for (const row of rows) {
    const step = definition.steps.find((candidate) => candidate.id === row.stepId);
    const spec = step && getStepSpec(step.type);
    if (!step || !spec) continue;
    // The step's type may have changed to a branching one since it was pinned: that pin no longer applies.
    const config = spec.configSchema.safeParse(step.config ?? {});
    if (config.success && spec.branches(config.data) === null) pins[row.stepId] = { output: JSON.parse(row.output) as unknown };
  }
  return pins;
}

/** A run's input and the outputs (with branches) of its finished steps. */
async function runOutputs(db: Db, teamId: string, runId: string): Promise<{ input: unknown; outputs: PinnedOutputs }> {
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    select: { input: true, steps: { where: { status: { in: ["completed", "resolved"] } }, select: { stepId: true, output: true, branch: true } } },
  });
  if (!run) throw new NotFoundError("run");
  const outputs: PinnedOutputs = {};
  for (const step of run.steps) outputs[step.stepId] = { output: step.output === null ? null : (JSON.parse(step.output) as unknown), ...(step.branch ? { branch: step.branch } : {}) };
  return { input: JSON.parse(run.input) as unknown, outputs };
}

function onlySteps(pins: PinnedOutputs, definition: Definition): PinnedOutputs {
  const ids = new Set(definition.steps.map((step) => step.id));
  return Object.fromEntries(Object.entries(pins).filter(([stepId]) => ids.has(stepId)));
}
