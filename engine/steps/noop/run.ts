import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { noopSpec } from "./spec";

export const noopHandler = defineHandler(noopSpec, {
  instant: true,
  run: async ({ config, scope }) => ({
    type: "complete",
    output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
  }),
});
