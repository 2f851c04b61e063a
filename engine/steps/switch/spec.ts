import { z } from "zod";
import { expression } from "../../definition/fields";
import { errorBranch } from "../../definition/schema";
import { defineStep } from "../spec";

export const branchLabelSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,63}$/, "a branch label is lowercase letters, digits, _ or -, starting with a letter");

export const switchConfigSchema = z.strictObject({
  cases: z
    .array(z.strictObject({ label: branchLabelSchema, expression: expression() }))
    .min(1, "a switch needs at least one case")
    .max(100)
    .superRefine((cases, ctx) => {
      const seen = new Set<string>();
      cases.forEach((entry, index) => {
        if (entry.label === "default")
          ctx.addIssue({ code: "custom", path: [index, "label"], message: '"default" is reserved for the fallback branch' });
        else if (entry.label === errorBranch)
          ctx.addIssue({ code: "custom", path: [index, "label"], message: '"error" is reserved for the branch taken when a step fails' });
        else if (seen.has(entry.label))
          ctx.addIssue({ code: "custom", path: [index, "label"], message: `duplicate case label "${entry.label}"` });
        seen.add(entry.label);
      });
    }),
});

export const switchSpec = defineStep({
  type: "switch",
  description: "Takes the branch of the first case whose expression is true, else `default`.",
  canvas: { label: "Switch", glyph: "⇉", accent: "orange", group: "Logic" },
  configSchema: switchConfigSchema,
  branches: (config) => [...config.cases.map((entry) => entry.label), "default"],
});
