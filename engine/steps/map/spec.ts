import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";
import { childWorkflowFields, exactlyOneChild } from "../subworkflow/spec";

export const mapConfigSchema = z
  .strictObject({
    items: expression(),
    ...childWorkflowFields,
    /** Child input per item; sees `$item` and `$index`. Defaults to the item itself. */
    input: expression().optional(),
    maxConcurrency: z.number().int().min(1).max(64).default(4),
  })
  .refine(exactlyOneChild.check, exactlyOneChild.message);

export const mapSpec = defineStep({
  type: "map",
  description: "Runs a sub-workflow per item of `config.items`, `maxConcurrency` at a time; output is the array of child outputs.",
  canvas: { label: "Map", glyph: "⋮", accent: "fuchsia", group: "Actions" },
  configSchema: mapConfigSchema,
  branches: () => null,
  nestedDefinitions: (config) => (config.definition ? [{ path: ["definition"], definition: config.definition }] : []),
  workflowReferences: (config) => (config.workflow ? [{ path: ["workflow"], reference: config.workflow }] : []),
});
