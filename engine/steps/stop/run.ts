import type { z } from "zod";
import { evaluateExpression } from "../../expressions/evaluate.js";
import type { StepHandler } from "../handler.js";
import type { stopConfigSchema } from "./spec.js";

export const runStop: StepHandler<z.infer<typeof stopConfigSchema>> = async ({ config, scope }) => ({
  type: "stop",
  output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
});
