import { z } from "zod";
import { template } from "../../definition/fields";
import { defineStep } from "../spec";

export const failConfigSchema = z.strictObject({ message: template().default("failed by a fail step") });

export const failSpec = defineStep({
  type: "fail",
  description: "Fails with `config.message` (a permanent error: never retried).",
  canvas: { label: "Fail", glyph: "✕", accent: "rose", group: "Flow" },
  configSchema: failConfigSchema,
  branches: () => null,
});
