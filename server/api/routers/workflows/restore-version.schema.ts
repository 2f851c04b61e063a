import { z } from "zod";
import { versionNumberSchema } from "./version.schema";
import { baseRevisionSchema, workflowIdSchema } from "./workflow-input";

export const restoreVersionInputSchema = z.object({ workflowId: workflowIdSchema, number: versionNumberSchema, baseRevision: baseRevisionSchema });
export type RestoreVersionInput = z.infer<typeof restoreVersionInputSchema>;
