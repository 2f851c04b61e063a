import type { z } from "zod";
import { PermanentError } from "../../errors";
import { evaluateExpression } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { delayConfigSchema } from "./spec";

export const runDelay: StepHandler<z.infer<typeof delayConfigSchema>> = async ({ config, scope, now }) => {
  if (config.ms !== undefined) return { type: "wait", reason: "delay", wakeAt: new Date(now().getTime() + config.ms) };
  const until = await evaluateExpression(config.until!, scope);
  const wakeAt = typeof until === "string" || typeof until === "number" ? new Date(until) : new Date(NaN);
  if (Number.isNaN(wakeAt.getTime())) throw new PermanentError(`delay "until" must give an ISO time, got ${JSON.stringify(until)}`);
  return { type: "wait", reason: "delay", wakeAt };
};
