import { createHash, timingSafeEqual } from "node:crypto";
import type { OrkaMetrics } from "./metrics";

/**
 * `GET /api/metrics`. Without `ORKA_METRICS_TOKEN` the endpoint does not exist (404): metrics name
 * workflows and load, which is nobody's business by default. With it, only
 * `Authorization: Bearer <token>` is answered (401 otherwise).
 */
export async function answerMetrics(request: Request, metrics: OrkaMetrics, token = process.env.ORKA_METRICS_TOKEN): Promise<Response> {
  if (!token) return new Response("Not Found\n", { status: 404, headers: { "content-type": "text/plain" } });
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    return new Response("a bearer token is required (ORKA_METRICS_TOKEN)\n", {
      status: 401,
      headers: { "content-type": "text/plain", "www-authenticate": 'Bearer realm="orka-metrics"' },
    });
  }
  const body = await metrics.registry.metrics();
  return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
}

function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  // Compared as digests: equal lengths for timingSafeEqual, and no timing hint about the token.
  return timingSafeEqual(digest(match[1]!), digest(token));
}

const digest = (value: string) => createHash("sha256").update(value).digest();
