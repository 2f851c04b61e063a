import { PermanentError } from "../../errors";

/** One request of an `http` step; a followed redirect makes the next one. */
export interface HttpRequest {
  method: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const bodyHeaders = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];
const credentialHeaders = ["authorization", "proxy-authorization", "cookie"];

/**
 * The request a redirect response asks for, or null when `response` is no redirect (or names no
 * `Location`), as fetch does it: 303 turns any method but HEAD into a GET without body, 301 and 302
 * turn a POST into one, 307 and 308 keep method and body. Credentials are not sent to another origin.
 *
 * @example
 * nextRedirect("https://a.test/x", post, new Response(null, { status: 303, headers: { location: "/done" } }))
 * // { url: "https://a.test/done", request: { method: "GET", body: undefined, … } }
 */
export function nextRedirect(url: string, request: HttpRequest, response: Response): { url: string; request: HttpRequest } | null {
  if (!redirectStatuses.has(response.status)) return null;
  const location = response.headers.get("location");
  if (location === null) return null;
  const from = new URL(url);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new PermanentError(`${from.hostname} redirected to an invalid URL`);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new PermanentError(`${from.hostname} redirected to a ${target.protocol} URL; only http and https are followed`);
  const toGet = (response.status === 303 && request.method !== "HEAD") || ((response.status === 301 || response.status === 302) && request.method === "POST");
  const headers = { ...request.headers };
  if (toGet) for (const name of bodyHeaders) delete headers[name];
  if (target.origin !== from.origin) for (const name of credentialHeaders) delete headers[name];
  return { url: target.href, request: { ...request, method: toGet ? "GET" : request.method, body: toGet ? undefined : request.body, headers } };
}
