/**
 * The delay a 429 or 503 answer asks for with `Retry-After`: whole seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`, measured from `now`). Undefined for other statuses and for a
 * header that is absent or unreadable; a date in the past means "now" (0).
 */
export function retryAfterMs(response: Pick<Response, "status" | "headers">, now: Date): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const value = response.headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (!/^[a-z]{3},/i.test(value)) return undefined; // an HTTP date starts with its day; Date.parse reads "-5" as a year
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
