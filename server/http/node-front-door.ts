import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleStartRun } from "@/server/api/rest/runs/start.handler";
import { handleWebhook } from "@/server/triggers/webhook-route";
import { webhookPathPrefix } from "@/server/triggers/webhooks";
import { appHttpDeps } from "./app-deps";
import { nodeDoorRequest, type DoorRequest } from "./door-request";
import { jsonTextOf } from "./responses";

/**
 * The run-start doors served straight from Node's HTTP server (`scripts/serve.mjs`), past Next's
 * routing: the same handlers as `app/api/hooks/[token]/route.ts` and
 * `app/api/v1/workflows/[workflowId]/runs/route.ts`, with every check and limit, but without Next's
 * per-request work (about as much CPU as a whole 10-step run; see bench/README.md). Registered on
 * `globalThis` by `instrumentation.ts`, so the server script uses this bundle's modules, not a
 * second copy of them.
 */
export interface NodeFrontDoor {
  /** How to answer this request when it is one the front door serves, else null (Next answers it). */
  handlerFor(request: IncomingMessage): ((response: ServerResponse) => Promise<void>) | null;
}

// One plain path segment; anything else (another segment, an encoded character) goes to Next, which answers as before.
const segment = "([A-Za-z0-9_-]+)";
const webhookPath = new RegExp(`^${webhookPathPrefix}${segment}(?:\\?|$)`);
const restStartPath = new RegExp(`^/api/v1/workflows/${segment}/runs(?:\\?|$)`);

export const nodeFrontDoor: NodeFrontDoor = {
  handlerFor(request) {
    if (request.method !== "POST" || !request.url) return null;
    const token = webhookPath.exec(request.url)?.[1];
    if (token) return (response) => serve(request, response, (web) => handleWebhook(appHttpDeps(), web, token));
    const workflowId = restStartPath.exec(request.url)?.[1];
    if (workflowId) return (response) => serve(request, response, (web) => handleStartRun(appHttpDeps(), web, workflowId));
    return null;
  },
};

async function serve(request: IncomingMessage, response: ServerResponse, handle: (request: DoorRequest) => Promise<Response>): Promise<void> {
  let answer: Response;
  try {
    answer = await handle(nodeDoorRequest(request));
  } catch (error) {
    // The handlers answer every error they expect; this is a bug. Never log the request: it may carry a token or key.
    console.error("orka: run-start door failed:", error);
    answer = Response.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
  }
  // The JSON answers' text goes out as a string: Node sends it with the head in one write.
  const body = jsonTextOf(answer) ?? Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => (headers[name] = value));
  headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.length);
  response.writeHead(answer.status, headers);
  response.end(body);
}
