import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { z } from "zod";
import type { noopConfigSchema } from "./spec";

export const runNoop: StepHandler<z.infer<typeof noopConfigSchema>> = async ({ config, scope }) => ({
  type: "complete",
  output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
});
