import { Agent, fetch, type Headers, type RequestInit } from "undici";

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
