import { evaluateExpression } from "../../expressions/evaluate.js";
import type { StepHandler } from "../handler.js";
import type { z } from "zod";
import type { noopConfigSchema } from "./spec.js";

export const runNoop: StepHandler<z.infer<typeof noopConfigSchema>> = async ({ config, scope }) => ({
  type: "complete",
  output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
});
