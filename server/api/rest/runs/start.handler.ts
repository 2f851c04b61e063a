import "server-only";
import { z } from "zod";
import { limits } from "@/engine";
import { apiKeyActor } from "@/server/audit/record-audit";
import { startPublishedRun } from "@/server/triggers/start-published-run";
import { requireApiKey } from "../require-api-key";
import type { HttpDeps } from "@/server/http/deps";
import { errorResponse, HttpError } from "@/server/http/responses";
import { readJsonBody } from "@/server/http/read-json-body";
import { startedRunResponse, waitMsOf } from "@/server/http/wait-for-run";
import { issuesOfZod } from "@/server/http/zod-issues";

const startBodySchema = z.strictObject({
  /** The run input; `{}` when omitted. */
  input: z.unknown().optional(),
  /** A published version number; the latest when omitted. */
  version: z.number().int().min(1).optional(),
});

/** Room for `{ "input": …, "version": … }` around an input of the full 1 MB. */
const envelopeBytes = 4_096;
const encoder = new TextEncoder();

/**
 * `POST /api/v1/workflows/{workflowId}/runs` with `{ input?, version? }`: 201 `{ runId, status,
 * version }` and `Location`; with `?wait=true`, 200 with the output once finished (like webhooks).
 */
export async function handleStartRun(deps: HttpDeps, request: Request, workflowId: string): Promise<Response> {
  try {
    const { teamId, keyName } = await requireApiKey(deps, request);
    const waitMs = waitMsOf(new URL(request.url));
    const parsed = startBodySchema.safeParse(await readJsonBody(request, limits.runInputBytes + envelopeBytes));
    if (!parsed.success) throw new HttpError("BAD_REQUEST", "the body is { input?, version? }", issuesOfZod(parsed.error));
    const input = parsed.data.input ?? {};
    const inputBytes = encoder.encode(JSON.stringify(input)).length;
    if (inputBytes > limits.runInputBytes) {
      throw new HttpError("PAYLOAD_TOO_LARGE", `input is ${inputBytes} bytes of JSON; the limit is ${limits.runInputBytes} bytes (1 MB)`, [{ path: "input", message: "too large" }]);
    }
    const engine = await deps.getEngine();
    const { runId, version } = await startPublishedRun(deps.db, engine, { teamId, workflowId, version: parsed.data.version, input, actor: apiKeyActor(keyName) });
    return await startedRunResponse(engine, runId, waitMs, { version }, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
