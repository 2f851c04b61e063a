import type { z } from "zod";
import type { StepHandler } from "../handler";
import type { approvalConfigSchema } from "./spec";

export const runApproval: StepHandler<z.infer<typeof approvalConfigSchema>> = async ({ config }) => ({
  type: "wait",
  reason: "approval",
  detail: { message: config.message ?? null },
});
