import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";

export const stopConfigSchema = z.strictObject({ output: expression().optional() });

export const stopSpec = defineStep({
  type: "stop",
  description: "Ends the run early as completed with `config.output`; steps not yet started are skipped.",
  canvas: { label: "Stop", glyph: "■", accent: "stone", group: "Flow" },
  configSchema: stopConfigSchema,
  branches: () => null,
});
