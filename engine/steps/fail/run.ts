import type { z } from "zod";
import { PermanentError } from "../../errors.js";
import { renderTemplate } from "../../expressions/evaluate.js";
import type { StepHandler } from "../handler.js";
import type { failConfigSchema } from "./spec.js";

export const runFail: StepHandler<z.infer<typeof failConfigSchema>> = async ({ config, scope }) => {
  throw new PermanentError(await renderTemplate(config.message, scope));
};
