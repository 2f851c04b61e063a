import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { createApiKeyInputSchema, revokeApiKeyInputSchema } from "./api-keys.schema";
import { createApiKey } from "./create-api-key.handler";
import { createSchedule } from "./create-schedule.handler";
import { createScheduleInputSchema } from "./create-schedule.schema";
import { deleteSchedule } from "./delete-schedule.handler";
import { deleteWebhook } from "./delete-webhook.handler";
import { getWebhook } from "./get-webhook.handler";
import { listApiKeys } from "./list-api-keys.handler";
import { listSchedules } from "./list-schedules.handler";
import { revokeApiKey } from "./revoke-api-key.handler";
import { rotateWebhook } from "./rotate-webhook.handler";
import { updateSchedule } from "./update-schedule.handler";
import { deleteScheduleInputSchema, updateScheduleInputSchema } from "./update-schedule.schema";
import { workflowRefInputSchema } from "./workflow-ref.schema";

/** Ways to start runs without the designer: a workflow's webhook and schedules, the team's REST API keys. */
export const triggersRouter = createTRPCRouter({
  getWebhook: teamProcedure.input(workflowRefInputSchema).query(getWebhook),
  rotateWebhook: editorProcedure.input(workflowRefInputSchema).mutation(rotateWebhook),
  deleteWebhook: editorProcedure.input(workflowRefInputSchema).mutation(deleteWebhook),
  listSchedules: teamProcedure.input(workflowRefInputSchema).query(listSchedules),
  createSchedule: editorProcedure.input(createScheduleInputSchema).mutation(createSchedule),
  updateSchedule: editorProcedure.input(updateScheduleInputSchema).mutation(updateSchedule),
  deleteSchedule: editorProcedure.input(deleteScheduleInputSchema).mutation(deleteSchedule),
  listApiKeys: teamProcedure.query(listApiKeys),
  createApiKey: editorProcedure.input(createApiKeyInputSchema).mutation(createApiKey),
  revokeApiKey: editorProcedure.input(revokeApiKeyInputSchema).mutation(revokeApiKey),
});
