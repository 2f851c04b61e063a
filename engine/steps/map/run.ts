import { limits } from "../../definition/limits";
import { PermanentError } from "../../errors";
import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { checkChildInput, childWorkflow } from "../subworkflow/child";
import { mapSpec } from "./spec";

export const mapHandler = defineHandler(mapSpec, {
  instant: false,
  run: async (ctx) => {
    const items = await evaluateExpression(ctx.config.items, ctx.scope);
    if (!Array.isArray(items)) throw new PermanentError(`map items must evaluate to an array, got ${JSON.stringify(items)?.slice(0, 100)}`);
    if (items.length > limits.mapItems) throw new PermanentError(`map has ${items.length} items; the limit is ${limits.mapItems}`);
    const child = await childWorkflow(ctx, ctx.config);
    const children = [];
    for (const [index, item] of items.entries()) {
      const input =
        ctx.config.input === undefined
          ? item
          : await evaluateExpression(ctx.config.input, { ...ctx.scope, extra: { item, index } });
      checkChildInput(child.definition, input, `item ${index}`);
      children.push({ ...child, input });
    }
    return { type: "children", children, maxConcurrency: ctx.config.maxConcurrency, collect: "array" };
  },
});
