import "server-only";
import { limits } from "@/engine";
import { webhookActor } from "@/server/audit/record-audit";
import type { HttpDeps } from "@/server/http/deps";
import { readJsonBody } from "@/server/http/read-json-body";
import { errorResponse, HttpError } from "@/server/http/responses";
import { startCatalogOf, startRunFromRequest } from "@/server/http/start-run";
import { webhookBodySchema } from "./webhook-route.schema";
import { findWebhookTarget } from "./webhooks";
import type { DoorRequest } from "@/server/http/door-request";

/**
 * `POST /api/hooks/<token>`: the JSON body is the input of a run of the workflow's latest published
 * version. 202 `{ runId, status, version }` with `Location: /api/v1/runs/<id>`; with `?wait=true`,
 * 200 `{ runId, status, version, output, error }` once it finishes within `?timeout=` seconds.
 */
export async function handleWebhook(deps: HttpDeps, request: DoorRequest, token: string): Promise<Response> {
  try {
    // Same answer for a malformed, unknown or rotated token: nothing says whether a workflow exists.
    const target = await findWebhookTarget(await startCatalogOf(deps), token);
    if (!target) throw new HttpError("NOT_FOUND", "not found");
    await deps.rateLimiter.consume("webhook", target.credential);
    return await startRunFromRequest(deps, request, {
      ...target,
      actor: webhookActor,
      queuedStatus: 202,
      readBody: async () => ({ input: webhookBodySchema.parse(await readJsonBody(request, limits.runInputBytes)) }),
      alsoRecord: [{ kind: "webhook-used", workflowId: target.workflowId, at: new Date() }],
    });
  } catch (error) {
    return errorResponse(error);
  }
}
