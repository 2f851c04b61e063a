import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleWebhook } from "@/server/triggers/webhook-route";
import { webhookPathPrefix } from "@/server/triggers/webhooks";
import { appHttpDeps } from "./app-deps";

/**
 * The webhook door served straight from Node's HTTP server (`scripts/serve.mjs`), past Next's
 * routing: the same handler as `app/api/hooks/[token]/route.ts`, with every check and limit, but
 * without Next's per-request work (about as much CPU as a whole 10-step run; see bench/README.md).
 * Registered on `globalThis` by `instrumentation.ts`, so the server script uses this bundle's modules,
 * not a second copy of them.
 */
export interface NodeFrontDoor {
  /** The token when this request is one the front door serves (`POST /api/hooks/<token>`), else null. */
  tokenOf(request: IncomingMessage): string | null;
  serve(request: IncomingMessage, response: ServerResponse, token: string): Promise<void>;
}

const tokenPattern = /^[A-Za-z0-9_-]+$/;

export const nodeFrontDoor: NodeFrontDoor = {
  tokenOf(request) {
    if (request.method !== "POST" || !request.url?.startsWith(webhookPathPrefix)) return null;
    const end = request.url.indexOf("?");
    const token = request.url.slice(webhookPathPrefix.length, end === -1 ? undefined : end);
    // Anything else (another segment, an encoded character) goes to Next, which answers as before.
    return tokenPattern.test(token) ? token : null;
  },

  async serve(request, response, token) {
    let answer: Response;
    try {
      answer = await handleWebhook(appHttpDeps(), toWebRequest(request), token);
    } catch (error) {
      console.error("orka: webhook failed:", error);
      answer = Response.json({ error: { code: "INTERNAL", message: "internal error" } }, { status: 500 });
    }
    const body = Buffer.from(await answer.arrayBuffer());
    const headers: Record<string, string> = {};
    answer.headers.forEach((value, name) => (headers[name] = value));
    headers["content-length"] = String(body.length);
    response.writeHead(answer.status, headers);
    response.end(body);
  },
};

function toWebRequest(request: IncomingMessage): Request {
  const headers = new Headers();
  const raw = request.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  const url = `http://${request.headers.host ?? "localhost"}${request.url}`;
  // The body stays a stream: `readJsonBody` applies the size limit while reading it.
  const body = Readable.toWeb(request) as ReadableStream<Uint8Array>;
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}
