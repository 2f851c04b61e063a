import type { z } from "zod";
import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { switchConfigSchema } from "./spec";

/** The first case whose expression is exactly `true` wins; none → `default`. */
export const runSwitch: StepHandler<z.infer<typeof switchConfigSchema>> = async ({ config, scope }) => {
  for (const entry of config.cases) {
    if ((await evaluateExpression(entry.expression, scope)) === true)
      return { type: "complete", output: entry.label, branch: entry.label };
  }
  return { type: "complete", output: "default", branch: "default" };
};
