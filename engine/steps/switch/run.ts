import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { switchSpec } from "./spec";

/** The first case whose expression is exactly `true` wins; none → `default`. */
export const switchHandler = defineHandler(switchSpec, {
  instant: true,
  run: async ({ config, scope }) => {
    for (const entry of config.cases) {
      if ((await evaluateExpression(entry.expression, scope)) === true)
        return { type: "complete", output: entry.label, branch: entry.label };
    }
    return { type: "complete", output: "default", branch: "default" };
  },
});
