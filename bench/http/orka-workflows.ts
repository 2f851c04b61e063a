// Puts a workload into a running Orka the way a person would through the app: create the
// workflow, save the generated definition as its draft, publish it, and make its webhook.
import { createBenchClient } from "../canvas/client";
import type { OrkaServer } from "../canvas/server";
import { toOrkaDefinition } from "./to-orka";
import type { WorkloadSpec } from "./workload-spec";

/** The webhook URL that starts a run of the published workload and answers when it finished. */
export async function publishWorkload(server: Pick<OrkaServer, "url" | "session">, spec: WorkloadSpec): Promise<string> {
  const client = createBenchClient(server);
  const definition = toOrkaDefinition(spec);
  const { id: workflowId } = await client.workflows.create.mutate({ name: definition.name, namespace: definition.namespace });
  const saved = await client.workflows.saveDraft.mutate({ workflowId, baseRevision: 0, draft: definition });
  await client.workflows.publish.mutate({ workflowId, baseRevision: saved.draftRevision });
  const webhook = await client.triggers.rotateWebhook.mutate({ workflowId });
  // timeout=30: the longest wait the webhook allows, so a slow run under load is measured, not cut off at 10 s.
  return `${server.url}${webhook.urlPath}?wait=true&timeout=30`;
}
