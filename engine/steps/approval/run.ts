import type { z } from "zod";
import type { StepHandler } from "../handler.js";
import type { approvalConfigSchema } from "./spec.js";

export const runApproval: StepHandler<z.infer<typeof approvalConfigSchema>> = async ({ config }) => ({
  type: "wait",
  reason: "approval",
  detail: { message: config.message ?? null },
});
