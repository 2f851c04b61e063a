import { doublingDefinition } from "@/server/api/routers/runs/runs-test-kit";
import { expect } from "vitest";
import { accessCase } from "./access-case";

export const workflowsCases = [
  accessCase({ path: "workflows.list", allowed: "viewer", outsider: "own-team", input: () => ({}) }),
  accessCase({ path: "workflows.get", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({ path: "workflows.versions", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({ path: "workflows.version", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, number: 1 }) }),
  accessCase({ path: "workflows.export", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, format: "yaml" }) }),
  accessCase({
    path: "workflows.clearStepCache",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: (world) => ({ workflowId: world.workflowId, stepId: "double" }),
    allowedAnswer: (answer) => expect(answer).toEqual({ cleared: expect.any(Number) }),
  }),
  accessCase({ path: "workflows.pins", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({ path: "workflows.pinStep", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, stepId: "double", output: 42 }) }),
  accessCase({ path: "workflows.pinStep", label: "from a run", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, stepId: "double", fromRunId: world.completedRunId }) }),
  accessCase({ path: "workflows.unpinStep", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId, stepId: "double" }) }),
  accessCase({ path: "workflows.create", allowed: "editor", outsider: "own-team", input: (world) => ({ name: world.uniqueName("created") }) }),
  accessCase({ path: "workflows.duplicate", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({
    path: "workflows.rename",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => ({ workflowId: (await world.fresh.workflow("empty")).workflowId, name: world.uniqueName("renamed") }),
  }),
  accessCase({
    path: "workflows.delete",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => ({ workflowId: (await world.fresh.workflow("empty")).workflowId }),
  }),
  accessCase({
    path: "workflows.saveDraft",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => {
      const { workflowId, revision } = await world.fresh.workflow("empty");
      return { workflowId, baseRevision: revision, draft: doublingDefinition("saved") };
    },
  }),
  accessCase({
    path: "workflows.publish",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => {
      const { workflowId, revision } = await world.fresh.workflow("drafted");
      return { workflowId, baseRevision: revision };
    },
  }),
  accessCase({
    path: "workflows.restoreVersion",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => {
      const { workflowId, revision } = await world.fresh.workflow("published");
      return { workflowId, number: 1, baseRevision: revision };
    },
  }),
  accessCase({
    path: "workflows.import",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => {
      const { workflowId, revision } = await world.fresh.workflow("empty");
      return { workflowId, baseRevision: revision, format: "json", text: JSON.stringify(doublingDefinition("imported")) };
    },
  }),
];
