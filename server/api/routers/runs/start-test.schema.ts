import { z } from "zod";
import { pinnedStepIdSchema } from "../workflows/pins.schema";
import { workflowIdSchema } from "../workflows/workflow-input";
import { runIdSchema, runInputValueSchema } from "./run-input";

/** A test run of the whole draft, with typed input (or `{}`). */
export const startTestRunInputSchema = z.object({
  workflowId: workflowIdSchema,
  input: runInputValueSchema.optional(),
});
export type StartTestRunInput = z.infer<typeof startTestRunInputSchema>;

/** Run one step of the draft with the input of a previous run (`fromRunId`) or typed sample input: not both. */
export const testStepInputSchema = z
  .object({
    workflowId: workflowIdSchema,
    stepId: pinnedStepIdSchema,
    fromRunId: runIdSchema.optional(),
    input: runInputValueSchema.optional(),
  })
  .refine((input) => input.fromRunId === undefined || input.input === undefined, { message: "give fromRunId or input, not both", path: ["input"] });
export type TestStepInput = z.infer<typeof testStepInputSchema>;
