import { PermanentError } from "../../errors";
import { renderTemplate } from "../../expressions/evaluate";
import { defineHandler } from "../handler";
import { failSpec } from "./spec";

export const failHandler = defineHandler(failSpec, {
  instant: true,
  run: async ({ config, scope }) => {
    throw new PermanentError(await renderTemplate(config.message, scope));
  },
});
