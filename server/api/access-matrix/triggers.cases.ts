import { accessCase } from "./access-case";

export const triggersCases = [
  accessCase({ path: "triggers.getWebhook", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({ path: "triggers.rotateWebhook", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({ path: "triggers.deleteWebhook", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ workflowId: await world.fresh.webhook() }) }),
  accessCase({ path: "triggers.listSchedules", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({
    path: "triggers.createSchedule",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: (world) => ({ workflowId: world.workflowId, cron: "0 9 * * 1-5", timezone: "Europe/Paris", input: { n: 2 } }),
  }),
  accessCase({ path: "triggers.updateSchedule", allowed: "editor", outsider: "NOT_FOUND", input: (world) => ({ scheduleId: world.scheduleId, cron: "@hourly" }) }),
  accessCase({ path: "triggers.deleteSchedule", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ scheduleId: await world.fresh.schedule() }) }),
  accessCase({ path: "triggers.listApiKeys", allowed: "viewer", outsider: "own-team", input: () => undefined }),
  accessCase({ path: "triggers.createApiKey", allowed: "editor", outsider: "own-team", input: (world) => ({ name: world.uniqueName("key") }) }),
  accessCase({ path: "triggers.revokeApiKey", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ apiKeyId: await world.fresh.apiKey() }) }),
];
