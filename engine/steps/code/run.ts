import { limits } from "../../definition/limits";
import { defineHandler } from "../handler";
import { codeSpec } from "./spec";

export const codeHandler = defineHandler(codeSpec, {
  instant: false,
  defaultTimeoutMs: limits.defaultCodeTimeoutMs,
  run: async (ctx) => ({
    type: "complete",
    output: await ctx.sandbox.run({
      source: ctx.config.source,
      globals: { input: ctx.scope.input, steps: ctx.scope.steps, vars: ctx.scope.vars, attempt: ctx.attempt },
      tenant: ctx.teamId === null ? `run:${ctx.runId}` : `team:${ctx.teamId}`,
      timeoutMs: ctx.timeoutMs ?? limits.defaultCodeTimeoutMs,
      memoryBytes: limits.codeMemoryBytes,
      signal: ctx.signal,
    }),
  }),
});
