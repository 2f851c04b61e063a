import { expect } from "vitest";
import { accessCase } from "./access-case";

const echoRunIds = (input: { runIds: string[] }) => input.runIds;
/** Another team's runs are "not found" in a bulk answer, like unknown ids: neither their status nor anything else. */
const notFound = (runIds: string[]) => runIds.map((runId) => ({ runId, reason: "not found" }));

export const runsCases = [
  accessCase({ path: "runs.start", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, input: { n: 1 } }) }),
  accessCase({ path: "runs.startTest", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, input: { n: 1 } }) }),
  accessCase({ path: "runs.testStep", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, stepId: "add_one", fromRunId: world.completedRunId }) }),
  accessCase({ path: "runs.testStep", label: "with typed input", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, stepId: "double", input: { n: 2 } }) }),
  accessCase({ path: "runs.previewExpression", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.completedRunId, source: "$steps.double.output" }) }),
  accessCase({ path: "runs.stepData", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.completedRunId, stepId: "double" }) }),
  accessCase({ path: "runs.list", label: "test runs", allowed: "viewer", outsider: "own-team", input: (world) => ({ workflowId: world.workflowId, test: true }) }),
  accessCase({ path: "runs.get", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.completedRunId }) }),
  accessCase({ path: "runs.list", allowed: "viewer", outsider: "own-team", input: () => ({}) }),
  accessCase({ path: "runs.list", label: "filtered by team A's workflow", allowed: "viewer", outsider: "own-team", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({
    path: "runs.waitingApprovals",
    allowed: "viewer",
    outsider: "own-team",
    input: () => undefined,
    // A viewer may ask, but cannot approve: the inbox lists only what the caller's role can decide.
    allowedAnswer: (answer, _input, { actor, world }) => {
      const runIds = (answer as { runId: string }[]).map((item) => item.runId);
      if (actor === "viewer") expect(runIds).toEqual([]);
      else expect(runIds).toContain(world.waitingRunId);
    },
  }),
  accessCase({ path: "runs.events", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.completedRunId }) }),
  accessCase({ path: "runs.events", label: "a run waiting for approval", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.waitingRunId }) }),
  accessCase({
    path: "runs.bulkCancel",
    label: "dry run",
    allowed: "editor",
    outsider: "own-team",
    input: (world) => ({ runIds: [world.waitingRunId, world.completedRunId], dryRun: true }),
    echoes: echoRunIds,
    ownTeamAnswer: (answer, input) => expect(answer).toEqual({ dryRun: true, eligible: [], ineligible: notFound(input.runIds) }),
  }),
  accessCase({
    path: "runs.bulkCancel",
    allowed: "editor",
    outsider: "own-team",
    input: async (world) => ({ runIds: [await world.fresh.waitingRun()], dryRun: false }),
    echoes: echoRunIds,
    ownTeamAnswer: (answer, input) => expect(answer).toEqual({ dryRun: false, done: [], failed: [], skipped: notFound(input.runIds) }),
  }),
  // Retry and redrive pick the same failed runs and answer in the same shape.
  ...(["runs.bulkRetry", "runs.bulkRedrive"] as const).flatMap((path) => [
    accessCase({
      path,
      label: "dry run",
      allowed: "editor",
      outsider: "own-team",
      input: (world) => ({ runIds: [world.failedRunId], dryRun: true }),
      echoes: echoRunIds,
      ownTeamAnswer: (answer, input) => expect(answer).toEqual({ dryRun: true, eligible: [], ineligible: notFound(input.runIds) }),
    }),
    accessCase({
      path,
      allowed: "editor",
      outsider: "own-team",
      input: async (world) => ({ runIds: [await world.fresh.failedRun()], dryRun: false }),
      echoes: echoRunIds,
      ownTeamAnswer: (answer, input) => expect(answer).toEqual({ dryRun: false, done: [], failed: [], skipped: notFound(input.runIds) }),
    }),
  ]),
  accessCase({ path: "runs.redrive", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ runId: await world.fresh.failedRun() }) }),
  accessCase({ path: "runs.redrivePreview", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ runId: world.failedRunId }) }),
  accessCase({ path: "runs.retryStep", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ runId: await world.fresh.failedRun(), stepId: "boom" }) }),
  accessCase({
    path: "runs.resolveStep",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => ({ runId: await world.fresh.failedRun(), stepId: "boom", output: { value: 1 }, reason: "done by hand" }),
  }),
  accessCase({ path: "runs.approveStep", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ runId: await world.fresh.waitingRun(), stepId: "gate" }) }),
  accessCase({ path: "runs.rejectStep", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ runId: await world.fresh.waitingRun(), stepId: "gate" }) }),
  accessCase({ path: "runs.cancel", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ runId: await world.fresh.waitingRun() }) }),
  accessCase({ path: "runs.rerun", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ runId: world.completedRunId }) }),
];
