import { z } from "zod";
import { errorKinds, runStatuses, stepStatuses } from "@/engine/definition";

// The building blocks of the public HTTP API's answers. Each `id` becomes a named schema of the
// OpenAPI document (server/api/rest/openapi/), so the document says what the handlers send.

/** A time on the way out: a Date in, ISO 8601 in UTC out (`toISOString`, always valid). */
export const timestampSchema = z
  .date()
  .transform((date) => date.toISOString())
  .pipe(z.string().meta({ format: "date-time", examples: ["2026-01-01T09:00:00.000Z"] }))
  .meta({ id: "Timestamp" });

export const runStatusSchema = z.enum(runStatuses).meta({ id: "RunStatus" });
export const stepStatusSchema = z.enum(stepStatuses).meta({ id: "StepStatus" });

export const stepErrorSchema = z
  .object({
    kind: z.enum(errorKinds).meta({ description: "transient and timeout errors were retried per the step's policy" }),
    message: z.string(),
  })
  .meta({ id: "StepError" });

export const issueSchema = z
  .object({
    path: z.string().meta({ examples: ["input.customer.tier"] }),
    message: z.string(),
  })
  .meta({ id: "Issue" });
