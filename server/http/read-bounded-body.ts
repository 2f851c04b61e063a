import { Readable } from "node:stream";
import type { DoorRequest } from "./door-request";

/** A body larger than the limit: refused before more than `limitBytes` of it were read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than the limit of ${limitBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The request body, read at most `maxBytes` far: a declared `Content-Length` over the limit is
 * refused before anything is read, and a body without one (chunked) is cancelled as soon as it
 * passes the limit, so no more than `maxBytes` (plus one chunk) is ever held.
 */
export async function readBodyAtMost(request: DoorRequest, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array();
  if (request.body instanceof Readable) return concat(await nodeChunks(request.body, maxBytes));
  const chunks: Uint8Array[] = [];
  let length = 0;
  // Leaving the loop early cancels a web stream, and destroys a Node request, as `reader.cancel()` did.
  for await (const chunk of chunksOf(request.body)) {
    length += chunk.length;
    if (length > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  return concat({ chunks, length });
}

function concat({ chunks, length }: { chunks: readonly Uint8Array[]; length: number }): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * A Node request's chunks, read with its events rather than its async iterator (which costs a few
 * promises per request, each paying for the server's async-context hooks). As the iterator does, a
 * body over the limit destroys the request, and one that closes before its end is an error.
 */
function nodeChunks(stream: Readable, maxBytes: number): Promise<{ chunks: Uint8Array[]; length: number }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (stream.readableEnded) return Promise.resolve({ chunks, length });
  if (stream.destroyed) return Promise.reject(new Error("the request was closed before its body was read"));
  return new Promise((resolve, reject) => {
    const finish = (error?: unknown) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", finish);
      stream.off("close", onClose);
      if (error) reject(error);
      else resolve({ chunks, length });
    };
    const onData = (chunk: Uint8Array) => {
      length += chunk.length;
      if (length <= maxBytes) return void chunks.push(chunk);
      finish(new BodyTooLargeError(maxBytes));
      stream.destroy();
    };
    const onEnd = () => finish();
    const onClose = () => finish(new Error("the request was closed before its body ended"));
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", finish);
    stream.on("close", onClose);
  });
}

function chunksOf(body: NonNullable<DoorRequest["body"]>): AsyncIterable<Uint8Array> {
  return Symbol.asyncIterator in body ? body : webStreamChunks(body);
}

async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel();
  }
}
