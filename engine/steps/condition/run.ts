import type { z } from "zod";
import { PermanentError } from "../../errors";
import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { conditionConfigSchema } from "./spec";

export const runCondition: StepHandler<z.infer<typeof conditionConfigSchema>> = async ({ config, scope }) => {
  const value = await evaluateExpression(config.expression, scope);
  if (typeof value !== "boolean")
    throw new PermanentError(`condition must evaluate to true or false, got ${JSON.stringify(value)}`);
  return { type: "complete", output: value, branch: String(value) };
};
