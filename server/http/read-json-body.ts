import "server-only";
import { HttpError } from "./responses";

/**
 * The request body parsed as JSON, read at most `maxBytes` far: a larger body is refused (413)
 * before it is buffered, whatever its Content-Length claims. An empty body reads as `{}` so a
 * bare `POST` triggers a run without input; a non-empty one must be declared JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readAtMost(request, maxBytes);
  if (bytes.length === 0) return {};
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new HttpError("UNSUPPORTED_MEDIA_TYPE", "the body must be JSON: send it with Content-Type: application/json");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError("INVALID_JSON", "the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError("INVALID_JSON", `the body is not valid JSON: ${(error as Error).message}`);
  }
}

async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** `application/json`, `application/json; charset=utf-8`, `application/cloudevents+json`, … */
function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError("PAYLOAD_TOO_LARGE", `the body is larger than the limit of ${maxBytes} bytes`);
}
