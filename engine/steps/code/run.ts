import type { z } from "zod";
import { limits } from "../../definition/limits";
import type { StepHandler } from "../handler";
import type { codeConfigSchema } from "./spec";

export const runCode: StepHandler<z.infer<typeof codeConfigSchema>> = async (ctx) => ({
  type: "complete",
  output: await ctx.sandbox.run({
    source: ctx.config.source,
    globals: { input: ctx.scope.input, steps: ctx.scope.steps, vars: ctx.scope.vars, attempt: ctx.attempt },
    timeoutMs: ctx.timeoutMs ?? limits.defaultCodeTimeoutMs,
    memoryBytes: limits.codeMemoryBytes,
    signal: ctx.signal,
  }),
});
