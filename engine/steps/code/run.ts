import { limits } from "../../definition/limits";
import { defineHandler } from "../handler";
import { codeSpec } from "./spec";

export const codeHandler = defineHandler(codeSpec, {
  instant: false,
  defaultTimeoutMs: limits.defaultCodeTimeoutMs,
  // The sandbox enforces the timeout from when a worker starts the code: a burst of code steps
  // (after a restart, or one team's flood) waits for workers without using up its time.
  timeoutCountsFrom: "start",
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
