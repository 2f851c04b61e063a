import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";

export const noopConfigSchema = z.strictObject({ output: expression().optional() });

export const noopSpec = defineStep({
  type: "noop",
  description: "Passes; its output is `config.output` (an expression) or null.",
  canvas: { label: "No-op", glyph: "○", accent: "slate", group: "Flow" },
  configSchema: noopConfigSchema,
  branches: () => null,
});
