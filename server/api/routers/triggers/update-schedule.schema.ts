import { z } from "zod";
import { runInputValueSchema } from "../runs/run-input";
import { cronSchema, timezoneSchema } from "./create-schedule.schema";

export const scheduleIdSchema = z.string().min(1).max(100);

/** Fields left out keep their value. */
export const updateScheduleInputSchema = z.object({
  scheduleId: scheduleIdSchema,
  cron: cronSchema.optional(),
  timezone: timezoneSchema.optional(),
  input: runInputValueSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateScheduleInput = z.infer<typeof updateScheduleInputSchema>;

export const deleteScheduleInputSchema = z.object({ scheduleId: scheduleIdSchema });
export type DeleteScheduleInput = z.infer<typeof deleteScheduleInputSchema>;
