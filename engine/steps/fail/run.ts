import type { z } from "zod";
import { PermanentError } from "../../errors";
import { renderTemplate } from "../../expressions/evaluate";
import type { StepHandler } from "../handler";
import type { failConfigSchema } from "./spec";

export const runFail: StepHandler<z.infer<typeof failConfigSchema>> = async ({ config, scope }) => {
  throw new PermanentError(await renderTemplate(config.message, scope));
};
