import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";

export const conditionConfigSchema = z.strictObject({ expression: expression() });

export const conditionSpec = defineStep({
  type: "condition",
  description: "Evaluates `config.expression` to a boolean and takes the `true` or `false` branch.",
  canvas: { label: "Condition", glyph: "◇", accent: "amber", group: "Logic" },
  configSchema: conditionConfigSchema,
  branches: () => ["true", "false"],
});
