import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { checkChildInput, childWorkflow } from "./child";
import { subworkflowSpec } from "./spec";

export const subworkflowHandler = defineHandler(subworkflowSpec, {
  instant: false,
  run: async (ctx) => {
    const child = await childWorkflow(ctx, ctx.config);
    const input = ctx.config.input === undefined ? ctx.scope.input : await evaluateExpression(ctx.config.input, ctx.scope);
    checkChildInput(child.definition, input, "the child run's input");
    return { type: "children", children: [{ ...child, input }], maxConcurrency: 1, collect: "single" };
  },
});
