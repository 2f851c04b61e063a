import { z } from "zod";
import { runStatusSchema, stepErrorSchema, stepStatusSchema, timestampSchema } from "@/server/http/wire-schemas";
import { runIdSchema } from "../../routers/runs/run-input";

export const getRunPathSchema = z.object({ runId: runIdSchema });

const stepStateSchema = z
  .object({
    stepId: z.string(),
    status: stepStatusSchema,
    attempt: z.number().int().meta({ description: "1-based number of the current or last attempt; 0 before the first." }),
    output: z.unknown(),
    error: stepErrorSchema.nullable(),
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
  })
  .meta({ id: "StepState" });

const waitExplanationSchema = z
  .object({
    kind: z.string().meta({
      description:
        "What it waits for: not-started, dependencies, blocked, concurrency, queued, running, timer, approval, children, operator, or the reason of a step's own wait (a circuit breaker, a lease…).",
      examples: ["timer"],
    }),
    reason: z.string().meta({ description: "In words, for people.", examples: ["delay fires at 2026-12-06 12:05:00 UTC (in 5 min)"] }),
    until: z.string().nullable().optional().meta({ description: "When a timer fires (ISO 8601)." }),
    stepIds: z.array(z.string()).optional().meta({ description: "The steps it waits on (dependencies, blocked, the run's waiting steps)." }),
    timer: z.enum(["delay", "retry"]).optional(),
    role: z.string().optional().meta({ description: "For an approval: the team role that may decide it." }),
    attempt: z.number().int().optional(),
  })
  .meta({ id: "WaitExplanation" });

const whyWaitingSchema = z
  .object({
    run: waitExplanationSchema.nullable().meta({ description: "Null for a completed or cancelled run." }),
    steps: z.record(z.string(), waitExplanationSchema).meta({ description: "Every unfinished step by id (and a failed run's failed steps)." }),
  })
  .meta({ id: "WhyWaiting", description: "Why the run and its unfinished steps are not moving, computed from its state when read." });

export const runStateSchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    workflowId: z.string().nullable(),
    version: z.number().int().nullable().meta({ description: "The published version the run pinned (its current one, after a redrive)." }),
    versions: z.array(z.number().int()).meta({ description: "The version numbers the run ran on, oldest first: more than one after a redrive." }),
    waiting: whyWaitingSchema,
    parentRunId: z.string().nullable().meta({ description: "Set on the child runs of sub-workflow and map steps." }),
    input: z.unknown(),
    output: z.unknown(),
    error: stepErrorSchema.nullable(),
    createdAt: timestampSchema,
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
    steps: z.array(stepStateSchema).meta({ description: "In the order they were queued; steps that never were come last." }),
  })
  .meta({ id: "RunState" });
