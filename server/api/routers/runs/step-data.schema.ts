import { z } from "zod";
import { pinnedStepIdSchema } from "../workflows/pins.schema";
import { runIdSchema } from "./run-input";

export const stepDataInputSchema = z.object({ runId: runIdSchema, stepId: pinnedStepIdSchema });
export type StepDataInput = z.infer<typeof stepDataInputSchema>;
