import { z } from "zod";

export const workflowIdSchema = z.string().min(1).max(100);

export { descriptionSchema, workflowNameSchema, workflowNamespaceSchema } from "@/engine/definition/workflow-names";

/** The draft revision the client last saw: writes are refused when the stored one has moved on. */
export const baseRevisionSchema = z.number().int().min(0);
