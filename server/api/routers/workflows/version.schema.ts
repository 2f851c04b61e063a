import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const versionNumberSchema = z.number().int().min(1);

export const getVersionInputSchema = z.object({ workflowId: workflowIdSchema, number: versionNumberSchema });
export type GetVersionInput = z.infer<typeof getVersionInputSchema>;
