import type { IncomingMessage } from "node:http";

/**
 * What the public doors (webhooks, /api/v1) read of a request: its URL, headers and body. A web
 * `Request` is one; `nodeDoorRequest` makes one of Node's request without the web stream, headers
 * and URL objects a `Request` costs (scripts/serve.mjs's front door, about a tenth of a webhook
 * run's CPU).
 */
export interface DoorRequest {
  /** Absolute (`http://host/path?query`). */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /** A web stream, or Node's request itself (an async iterable of its chunks); null without a body. */
  readonly body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
}

/** Node's request as a `DoorRequest`; its body is read straight from the socket, once. */
export function nodeDoorRequest(request: IncomingMessage): DoorRequest {
  return {
    url: `http://${request.headers.host ?? "localhost"}${request.url}`,
    headers: { get: (name) => joinedHeader(request.rawHeaders, name) },
    body: request,
  };
}

/** As `Headers.get`: every value of the field, in order, joined by ", "; null when absent. */
function joinedHeader(rawHeaders: readonly string[], name: string): string | null {
  let joined: string | null = null;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]!.length !== name.length || rawHeaders[index]!.toLowerCase() !== name.toLowerCase()) continue;
    joined = joined === null ? rawHeaders[index + 1]! : `${joined}, ${rawHeaders[index + 1]!}`;
  }
  return joined;
}
