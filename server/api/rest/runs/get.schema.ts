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

export const runStateSchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    workflowId: z.string().nullable(),
    version: z.number().int().nullable().meta({ description: "The published version the run pinned." }),
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
