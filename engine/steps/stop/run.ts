import type { z } from "zod";
import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { stopConfigSchema } from "./spec";

export const runStop: StepHandler<z.infer<typeof stopConfigSchema>> = async ({ config, scope }) => ({
  type: "stop",
  output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
});
