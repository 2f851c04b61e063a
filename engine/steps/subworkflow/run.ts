import type { z } from "zod";
import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import { childWorkflow } from "./child";
import type { subworkflowConfigSchema } from "./spec";

export const runSubworkflow: StepHandler<z.infer<typeof subworkflowConfigSchema>> = async (ctx) => {
  const child = await childWorkflow(ctx, ctx.config);
  const input = ctx.config.input === undefined ? ctx.scope.input : await evaluateExpression(ctx.config.input, ctx.scope);
  return { type: "children", children: [{ ...child, input }], maxConcurrency: 1, collect: "single" };
};
