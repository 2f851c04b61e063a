import http from "node:http";
import { Agent, fetch, Headers, type RequestInit } from "undici";

export interface HttpAnswer<T = unknown> {
  status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send from this loopback address (127.x.y.z on Linux): a different client to the server's sign-in limits. */
  from?: string;
}

const agents = new Map<string, Agent>();

/** A JSON request to a live server, answered whatever its status (tests assert refusals too). */
export async function request<T = unknown>(url: string, { method = "GET", body, headers = {}, from }: RequestOptions = {}): Promise<HttpAnswer<T>> {
  // undici's own fetch: the Agent that binds a local address is from the same package.
  const init: RequestInit = {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  };
  if (from) init.dispatcher = agentFrom(from);
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

function agentFrom(localAddress: string): Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new Agent({ localAddress })));
  return agent;
}

/** `name=value` pairs of a response's Set-Cookie headers, merged over `jar` (a Cookie header value). */
export function mergeCookies(jar: string, headers: Headers): string {
  const cookies = new Map(jar.split("; ").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair] as const));
  for (const line of headers.getSetCookie()) {
    const pair = line.split(";")[0]!.trim();
    cookies.set(pair.slice(0, pair.indexOf("=")), pair);
  }
  return [...cookies.values()].join("; ");
}

export interface StreamedRequest {
  /** How many bytes of the body to offer: `prefix`, then `filler` repeated. */
  bodyBytes: number;
  prefix?: string;
  filler?: string;
  headers?: Record<string, string>;
  /** Declare the whole length in `Content-Length` (default: send it chunked, length unknown). */
  declareLength?: boolean;
}

/**
 * A POST of a huge body, generated as it is sent (the test never holds it), that stops sending as
 * soon as the answer arrives. Resolves with the answer and how much of the body the socket took:
 * what shows a server refused a body without reading it all.
 */
export function postStreamed(url: string, { bodyBytes, prefix = "", filler = "a", headers = {}, declareLength = false }: StreamedRequest): Promise<HttpAnswer & { sentBytes: number }> {
  const chunk = Buffer.alloc(64 * 1024, filler);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const outgoing = http.request(url, { method: "POST", headers: { "content-type": "application/json", ...headers, ...(declareLength ? { "content-length": String(bodyBytes) } : {}) } });
    outgoing.on("error", (error) => answered || reject(error));
    outgoing.on("response", (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        outgoing.destroy(); // the rest of the body is never sent
        const text = Buffer.concat(parts).toString("utf8");
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: response.statusCode!, body, headers: new Headers(response.headers as Record<string, string>), sentBytes });
      });
    });
    const send = () => {
      while (!answered && !outgoing.destroyed && sentBytes < bodyBytes) {
        const piece = sentBytes === 0 && prefix ? Buffer.from(prefix) : chunk.subarray(0, Math.min(chunk.length, bodyBytes - sentBytes));
        sentBytes += piece.length;
        if (!outgoing.write(piece)) return void outgoing.once("drain", send);
      }
      if (!answered && sentBytes >= bodyBytes) outgoing.end();
    };
    send();
  });
}
