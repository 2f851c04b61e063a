import "server-only";
import { TRPCError } from "@trpc/server";
import { crossSiteRefusal } from "@/server/accounts/request-origin";
import { exceedsJsonDepth, jsonTooDeepMessage } from "@/server/http/json-depth";
import { BodyTooLargeError, readBodyAtMost } from "@/server/http/read-bounded-body";
import type { TRPCRequestLimits } from "./trpc-limits";

export type Admission = { request: Request; refusal?: undefined } | { request: Request; refusal: TRPCError };

const encoder = new TextEncoder();

/**
 * Checks a tRPC request before tRPC reads it: its origin (state changes come from Orka's own
 * pages), the number of calls in a batch, the body's size (read at most `maxBodyBytes` far) and
 * its JSON nesting (checked before it is parsed). Admitted, the request comes back with its body
 * already read into memory (bounded); refused, with the reason to answer every call with.
 */
export async function admitTRPCRequest(request: Request, endpoint: string, limits: TRPCRequestLimits, trustedOrigins: readonly string[]): Promise<Admission> {
  const crossSite = crossSiteRefusal(request, trustedOrigins);
  if (crossSite) return { request, refusal: new TRPCError({ code: "FORBIDDEN", message: crossSite }) };
  const url = new URL(request.url);
  const calls = callCount(url, endpoint);
  if (calls > limits.maxBatchCalls) {
    const message = `a batch holds at most ${limits.maxBatchCalls} calls; this one has ${calls}: send them in several requests`;
    return { request, refusal: new TRPCError({ code: "BAD_REQUEST", message }) };
  }
  const queryInput = url.searchParams.get("input");
  if (queryInput !== null && exceedsJsonDepth(encoder.encode(queryInput))) return { request, refusal: tooDeep() };
  if (request.method !== "POST" || !request.body) return { request };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyAtMost(request, limits.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    return { request, refusal: new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `${error.message} (ORKA_TRPC_MAX_BODY_BYTES)` }) };
  }
  if (exceedsJsonDepth(bytes)) return { request, refusal: tooDeep() };
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  return { request: new Request(request.url, { method: "POST", headers, body: bytes, signal: request.signal }) };
}

/** How many procedures the request calls: the comma-separated paths of a `?batch=1` call. */
function callCount(url: URL, endpoint: string): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  const paths = url.pathname.slice(url.pathname.indexOf(endpoint) + endpoint.length).replace(/^\/+/, "");
  return decodeURIComponent(paths).split(",").length;
}

function tooDeep(): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: jsonTooDeepMessage() });
}
