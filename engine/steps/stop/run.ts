import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { stopSpec } from "./spec";

export const stopHandler = defineHandler(stopSpec, {
  instant: true,
  run: async ({ config, scope }) => ({
    type: "stop",
    output: config.output === undefined ? null : await evaluateExpression(config.output, scope),
  }),
});
