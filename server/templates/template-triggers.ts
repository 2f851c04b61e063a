import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db/create-prisma-client";

/**
 * What a template records about the source workflow's triggers (`TemplateVersion.triggers`):
 * its schedules (recreated disabled on "use") and whether it had a webhook (a fresh token is
 * issued on "use"). Never a token, never a secret. Older rows may hold a bare schedule array.
 */
export const templateTriggersSchema = z.object({
  schedules: z.array(z.object({ cron: z.string(), timezone: z.string(), input: z.unknown() })).default([]),
  webhook: z.boolean().default(false),
});
export type TemplateTriggers = z.infer<typeof templateTriggersSchema>;

export const noTriggers: TemplateTriggers = { schedules: [], webhook: false };

export function parseTemplateTriggers(text: string): TemplateTriggers {
  try {
    const value: unknown = JSON.parse(text);
    const parsed = templateTriggersSchema.safeParse(Array.isArray(value) ? { schedules: value } : value);
    return parsed.success ? parsed.data : noTriggers;
  } catch {
    return noTriggers;
  }
}

/** The workflow's triggers as a template records them. */
export async function snapshotTriggers(db: Pick<Db, "schedule" | "workflowWebhook">, workflowId: string): Promise<TemplateTriggers> {
  const schedules = await db.schedule.findMany({
    where: { workflowId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { cron: true, timezone: true, input: true },
  });
  const webhook = await db.workflowWebhook.count({ where: { workflowId } });
  return { schedules: schedules.map((schedule) => ({ ...schedule, input: JSON.parse(schedule.input) as unknown })), webhook: webhook > 0 };
}
