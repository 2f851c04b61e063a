import { z } from "zod";
import { stepIdPattern } from "@/engine/definition";
import { runIdSchema, runInputValueSchema } from "../runs/run-input";
import { workflowIdSchema } from "./workflow-input";

export const pinnedStepIdSchema = z.string().regex(stepIdPattern, "not a step id");

export const listPinsInputSchema = z.object({ workflowId: workflowIdSchema });
export type ListPinsInput = z.infer<typeof listPinsInputSchema>;

/** Pin typed sample data (`output`) or what the step produced in a run (`fromRunId`): exactly one. */
export const pinStepInputSchema = z
  .object({
    workflowId: workflowIdSchema,
    stepId: pinnedStepIdSchema,
    output: runInputValueSchema.optional(),
    fromRunId: runIdSchema.optional(),
  })
  .refine((input) => (input.output === undefined) !== (input.fromRunId === undefined), { message: "give either output or fromRunId", path: ["output"] });
export type PinStepInput = z.infer<typeof pinStepInputSchema>;

export const unpinStepInputSchema = z.object({ workflowId: workflowIdSchema, stepId: pinnedStepIdSchema });
export type UnpinStepInput = z.infer<typeof unpinStepInputSchema>;
