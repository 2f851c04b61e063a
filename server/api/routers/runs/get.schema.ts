import { z } from "zod";
import { runIdSchema } from "./run-input";

export const getRunInputSchema = z.object({ runId: runIdSchema });
export type GetRunInput = z.infer<typeof getRunInputSchema>;
