import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";

/** A child workflow: a reference resolved in the caller's team, or an inline orka/v1 definition. */
export const childWorkflowFields = {
  workflow: z.string().min(1).max(200).optional(),
  definition: z.record(z.string(), z.unknown()).optional(),
};

export const exactlyOneChild = {
  check: (config: { workflow?: string; definition?: unknown }) =>
    (config.workflow === undefined) !== (config.definition === undefined),
  message: "needs exactly one of `workflow` (a reference) or `definition` (inline)",
};

export const subworkflowConfigSchema = z
  .strictObject({ ...childWorkflowFields, input: expression().optional() })
  .refine(exactlyOneChild.check, exactlyOneChild.message);

export const subworkflowSpec = defineStep({
  type: "subworkflow",
  description: "Starts a child run with `config.input` as its input; output is the child's output.",
  canvas: { label: "Sub-workflow", glyph: "▣", accent: "indigo", group: "Actions" },
  configSchema: subworkflowConfigSchema,
  branches: () => null,
  nestedDefinitions: (config) => (config.definition ? [{ path: ["definition"], definition: config.definition }] : []),
  workflowReferences: (config) => (config.workflow ? [{ path: ["workflow"], reference: config.workflow }] : []),
});
