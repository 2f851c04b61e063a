import { PermanentError } from "../../errors";
import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { conditionSpec } from "./spec";

export const conditionHandler = defineHandler(conditionSpec, {
  instant: true,
  run: async ({ config, scope }) => {
    const value = await evaluateExpression(config.expression, scope);
    if (typeof value !== "boolean")
      throw new PermanentError(`condition must evaluate to true or false, got ${JSON.stringify(value)}`);
    return { type: "complete", output: value, branch: String(value) };
  },
});
