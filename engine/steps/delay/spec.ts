import { z } from "zod";
import { expression } from "../../definition/fields";
import { defineStep } from "../spec";

const oneYearMs = 366 * 24 * 3600 * 1000;

export const delayConfigSchema = z
  .strictObject({
    ms: z.number().int().min(0).max(oneYearMs).optional(),
    /** Expression giving an ISO time to wait until. */
    until: expression().optional(),
  })
  .refine((config) => (config.ms === undefined) !== (config.until === undefined), {
    message: "a delay needs exactly one of `ms` or `until`",
  });

export const delaySpec = defineStep({
  type: "delay",
  description: "A durable timer: waits `config.ms` or until the time `config.until` evaluates to.",
  canvas: { label: "Delay", glyph: "◷", accent: "teal", group: "Flow" },
  configSchema: delayConfigSchema,
  branches: () => null,
});
