import { PermanentError } from "../../errors";
import { evaluateExpression } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { delaySpec } from "./spec";

export const delayHandler = defineHandler(delaySpec, {
  instant: false,
  run: async ({ config, scope, now }) => {
    if (config.ms !== undefined) return { type: "wait", reason: "delay", wakeAt: new Date(now().getTime() + config.ms) };
    const until = await evaluateExpression(config.until!, scope);
    const wakeAt = typeof until === "string" || typeof until === "number" ? new Date(until) : new Date(NaN);
    if (Number.isNaN(wakeAt.getTime())) throw new PermanentError(`delay "until" must give an ISO time, got ${JSON.stringify(until)}`);
    return { type: "wait", reason: "delay", wakeAt };
  },
});
