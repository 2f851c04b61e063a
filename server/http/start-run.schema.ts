import { z } from "zod";
import { runStatusSchema, stepErrorSchema } from "./wire-schemas";

const defaultWaitSeconds = 10;
const maxWaitSeconds = 30;

const waitTruthy = ["true", "1", ""];
const waitFalsy = ["false", "0"];
const timeoutIssue = "timeout is a number of seconds above 0";

/** The query of every start (webhooks and REST); other parameters are ignored. */
export const startQuerySchema = z.object({
  wait: z
    .stringbool({ truthy: waitTruthy, falsy: waitFalsy, case: "sensitive", error: "wait is true or false" })
    .optional()
    .meta({ description: "Wait for the run to finish and answer 200 with its output.", enum: [...waitTruthy, ...waitFalsy] }),
  timeout: z.coerce
    .number({ error: timeoutIssue })
    .positive({ error: timeoutIssue })
    .optional()
    .meta({ description: `Seconds to wait with wait=true: default ${defaultWaitSeconds}, longer waits are cut to ${maxWaitSeconds}. On expiry the answer is the one without waiting.` }),
});
export type StartQuery = z.output<typeof startQuerySchema>;

export const idempotencyKeyHeader = "Idempotency-Key";
/** How long a key answers with the run it started. */
export const idempotencyKeyHours = 24;
/** 1 to 255 printable ASCII characters, not starting or ending with a space (a UUID, say). */
export const idempotencyKeyPattern = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

export const traceparentHeader = "traceparent";

/** The request headers of every start (webhooks and REST) that the handler reads. */
export const startHeadersSchema = z.object({
  // No pattern here: an invalid traceparent is ignored, never refused.
  [traceparentHeader]: z
    .string()
    .optional()
    .meta({
      description:
        "W3C trace context: the run's trace continues the caller's (same trace id; the run's span is a child of the caller's span), exported when the server has an OTLP endpoint. An invalid value is ignored.",
      examples: ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
    }),
  [idempotencyKeyHeader]: z
    .string()
    .regex(idempotencyKeyPattern)
    .optional()
    .meta({
      description: `Makes a retried start safe: the same key from the same credential (webhook token or API key) within ${idempotencyKeyHours} hours answers with the run the first request started (same runId, header Idempotent-Replayed: true) instead of starting another, also when the requests arrive together. The same key with a different request is refused (422); a start that was refused frees its key.`,
      examples: ["8e0f1d52-6a8c-4b07-9f6e-2a1c5d9b7e31"],
    }),
});

/** How long a start may block before it answers, or null to answer at once. */
export function waitMsOf({ wait, timeout }: StartQuery): number | null {
  return wait ? Math.min(timeout ?? defaultWaitSeconds, maxWaitSeconds) * 1000 : null;
}

export const startedRunSchema = z
  .object({
    runId: z.string(),
    status: runStatusSchema,
    version: z.number().int().meta({ description: "The published version the run pinned." }),
  })
  .meta({ id: "StartedRun", description: "The run was started; read it at Location." });

export const finishedRunSchema = startedRunSchema
  .extend({
    output: z.unknown(),
    error: stepErrorSchema.nullable(),
  })
  .meta({ id: "FinishedRun", description: "The run finished within the wait." });
