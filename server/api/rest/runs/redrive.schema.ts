import { z } from "zod";

export const redriveBodyBytes = 4_096;

export const redriveBodySchema = z
  .strictObject({
    version: z.number().int().min(1).optional().meta({ description: "A published version number of the run's workflow; the latest when omitted." }),
    dryRun: z.boolean().optional().meta({ description: "Only say what would be kept, re-run, added and removed; change nothing." }),
    reason: z.string().trim().max(500).optional().meta({ description: "Recorded on the run's redrive event." }),
  })
  .meta({ id: "RedriveBody" });

const redrivePlanSchema = z
  .object({
    kept: z.array(z.string()).meta({ description: "Completed or resolved steps still in the version: their outputs stay, they do not run again." }),
    rerun: z.array(z.string()).meta({ description: "Failed, cancelled, skipped or not-started steps: they run under the version." }),
    added: z.array(z.string()).meta({ description: "Steps only the version has." }),
    removed: z.array(z.string()).meta({ description: "Steps the version no longer has: dropped from the run." }),
  })
  .meta({ id: "RedrivePlan" });

export const redriveResultSchema = z
  .object({
    dryRun: z.boolean(),
    redriven: z.boolean().meta({ description: "False for a dry run, or when the run already was on that version (a repeated request): nothing changed." }),
    version: z.number().int(),
    plan: redrivePlanSchema,
  })
  .meta({ id: "RedriveResult" });
