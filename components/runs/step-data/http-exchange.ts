/** The shape an http step records as its `detail` (engine/steps/http/exchange-detail.ts), read defensively. */
export interface RecordedExchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string; bodyTruncated?: boolean };
  response?: { status: number; headers: Record<string, string>; body: string; bodyBytes: number; bodyTruncated?: boolean };
}

export function exchangeOf(detail: Record<string, unknown> | null): RecordedExchange | null {
  const request = detail?.request as RecordedExchange["request"] | undefined;
  if (!request || typeof request.method !== "string" || typeof request.url !== "string") return null;
  return detail as unknown as RecordedExchange;
}

/** A body as people read it: pretty JSON when it parses, the text otherwise. */
export function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
