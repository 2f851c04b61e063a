import { defineHandler } from "../handler";
import { approvalSpec } from "./spec";

export const approvalHandler = defineHandler(approvalSpec, {
  instant: false,
  run: async ({ config }) => ({ type: "wait", reason: "approval", detail: { message: config.message ?? null } }),
});
