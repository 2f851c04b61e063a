import { z } from "zod";
import { defineStep } from "../spec";

export const approvalConfigSchema = z.strictObject({
  message: z.string().max(2000).optional(),
});

export const approvalSpec = defineStep({
  type: "approval",
  description: "Waits until an operator approves (optionally with an output) or rejects.",
  canvas: { label: "Approval", glyph: "✓", accent: "emerald", group: "Logic" },
  configSchema: approvalConfigSchema,
  branches: () => ["approved", "rejected"],
});
