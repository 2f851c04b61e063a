/** Bodies kept in a step's recorded detail are cut to this many bytes (UTF-8), marked `bodyTruncated`. */
export const detailBodyBytes = 64 * 1024;
const detailHeaderChars = 1_000;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyTruncated?: boolean;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole body's size in bytes, as read (before the cut). */
  bodyBytes: number;
  bodyTruncated?: boolean;
}

/** What an http step attempt sent and received, as kept in the step row's `detail` (secrets redacted by the caller). */
export interface HttpExchangeDetail {
  request: RecordedRequest;
  response?: RecordedResponse;
}

export function recordedRequest(method: string, url: string, headers: Record<string, string>, body: string | undefined): RecordedRequest {
  return { method, url, headers: cappedHeaders(headers), ...(body === undefined ? {} : cappedBody(body)) };
}

export function recordedResponse(status: number, headers: Record<string, string>, text: string): RecordedResponse {
  return { status, headers: cappedHeaders(headers), bodyBytes: Buffer.byteLength(text), ...cappedBody(text) };
}

function cappedBody(text: string): { body: string; bodyTruncated?: true } {
  const bytes = Buffer.from(text);
  if (bytes.byteLength <= detailBodyBytes) return { body: text };
  // A cut inside a multi-byte character decodes to U+FFFD: harmless in a preview.
  return { body: bytes.subarray(0, detailBodyBytes).toString("utf8"), bodyTruncated: true };
}

function cappedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.length > detailHeaderChars ? `${value.slice(0, detailHeaderChars)}…` : value]));
}
