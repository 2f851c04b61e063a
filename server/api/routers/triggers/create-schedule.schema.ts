import { z } from "zod";
import { runInputValueSchema } from "../runs/run-input";
import { workflowIdSchema } from "../workflows/workflow-input";

export const cronSchema = z.string().trim().min(1, "cron is empty").max(200);
export const timezoneSchema = z.string().trim().min(1, "timezone is empty").max(100);

export const createScheduleInputSchema = z.object({
  workflowId: workflowIdSchema,
  /** Five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily. */
  cron: cronSchema,
  /** IANA time zone the expression is read in, e.g. Europe/Paris. */
  timezone: timezoneSchema.default("UTC"),
  /** The input of every run it starts; `{}` when omitted. */
  input: runInputValueSchema.optional(),
  enabled: z.boolean().default(true),
});
export type CreateScheduleInput = z.infer<typeof createScheduleInputSchema>;
