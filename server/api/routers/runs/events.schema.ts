import { z } from "zod";
import { runIdSchema } from "./run-input";

export const runEventsInputSchema = z.object({
  runId: runIdSchema,
  /**
   * Resume after this event `seq` (the SSE event id). tRPC sets it from the `Last-Event-ID` of a
   * reconnecting client; a client may also pass the last `seq` it holds. From the start when absent.
   */
  lastEventId: z
    .string()
    .regex(/^\d{1,15}$/, "lastEventId is the seq of an event of this run")
    .nullish(),
});
export type RunEventsInput = z.infer<typeof runEventsInputSchema>;
