import { z } from "zod";
import { codeSource } from "../../definition/fields";
import { defineStep } from "../spec";

export const codeConfigSchema = z.strictObject({ source: codeSource() });

export const codeSpec = defineStep({
  type: "code",
  description: "Runs a JavaScript function body in a QuickJS sandbox with `input`, `steps`, `vars`, `attempt`.",
  canvas: { label: "Code", glyph: "{}", accent: "violet", group: "Actions" },
  configSchema: codeConfigSchema,
  branches: () => null,
});
