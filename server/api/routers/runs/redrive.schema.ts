import { z } from "zod";
import { reasonSchema } from "./operator-input";
import { runIdSchema } from "./run-input";

/** A published version number of the run's workflow; the latest when omitted. */
export const redriveVersionSchema = z.number().int().min(1).optional();

export const redriveInputSchema = z.object({ runId: runIdSchema, version: redriveVersionSchema, reason: reasonSchema });
export type RedriveInput = z.infer<typeof redriveInputSchema>;

export const redrivePreviewInputSchema = z.object({ runId: runIdSchema, version: redriveVersionSchema });
export type RedrivePreviewInput = z.infer<typeof redrivePreviewInputSchema>;
