import "server-only";
import { exceedsJsonDepth, jsonTooDeepMessage } from "./json-depth";
import { BodyTooLargeError, readBodyAtMost } from "./read-bounded-body";
import { HttpError } from "./responses";
import type { DoorRequest } from "./door-request";

/**
 * The request body parsed as JSON, read at most `maxBytes` far: a larger body is refused (413)
 * before it is buffered, whatever its Content-Length claims, and JSON nested deeper than
 * `jsonMaxDepth` is refused (400) before it is parsed. An empty body reads as `{}` so a bare `POST`
 * triggers a run without input; a non-empty one must be declared JSON.
 */
export async function readJsonBody(request: DoorRequest, maxBytes: number): Promise<unknown> {
  const bytes = await readBodyAtMost(request, maxBytes).catch((error: unknown) => {
    throw error instanceof BodyTooLargeError ? new HttpError("PAYLOAD_TOO_LARGE", error.message) : error;
  });
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
  if (exceedsJsonDepth(bytes)) throw new HttpError("JSON_TOO_DEEP", jsonTooDeepMessage());
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError("INVALID_JSON", `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** `application/json`, `application/json; charset=utf-8`, `application/cloudevents+json`, … */
function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}
