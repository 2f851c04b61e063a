import { z } from "zod";
import { workflowIdSchema } from "./workflow-input";

export const exportDefinitionInputSchema = z.object({ workflowId: workflowIdSchema, format: z.enum(["json", "yaml"]).default("json") });
export type ExportDefinitionInput = z.infer<typeof exportDefinitionInputSchema>;
