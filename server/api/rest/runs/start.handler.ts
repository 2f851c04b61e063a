import "server-only";
import { apiKeyActor } from "@/server/audit/record-audit";
import type { HttpDeps } from "@/server/http/deps";
import { parseBody, parsePath } from "@/server/http/parse-request";
import { readJsonBody } from "@/server/http/read-json-body";
import { errorResponse } from "@/server/http/responses";
import { startRunFromRequest } from "@/server/http/start-run";
import { requireApiKey } from "../require-api-key";
import { checkInputSize, startRunBodyBytes, startRunBodySchema, startRunPathSchema } from "./start.schema";
import type { DoorRequest } from "@/server/http/door-request";

/**
 * `POST /api/v1/workflows/{workflowId}/runs` with `{ input?, version? }`: 201 `{ runId, status,
 * version }` and `Location`; with `?wait=true`, 200 with the output once finished (like webhooks).
 */
export async function handleStartRun(deps: HttpDeps, request: DoorRequest, workflowId: string): Promise<Response> {
  try {
    const { teamId, keyId, keyName } = await requireApiKey(deps, request);
    const path = parsePath(startRunPathSchema, { workflowId }, "workflow not found");
    return await startRunFromRequest(deps, request, {
      teamId,
      workflowId: path.workflowId,
      credential: `api-key:${keyId}`,
      actor: apiKeyActor(keyName),
      queuedStatus: 201,
      async readBody() {
        const body = parseBody(startRunBodySchema, await readJsonBody(request, startRunBodyBytes), "the body is { input?, version? }");
        const input = body.input ?? {};
        checkInputSize(input);
        return { input, version: body.version };
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
