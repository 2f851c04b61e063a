import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after";

const now = new Date("2026-12-06T12:00:00Z");
const answer = (status: number, retryAfter?: string) => ({ status, headers: new Headers(retryAfter === undefined ? {} : { "retry-after": retryAfter }) });

describe("Retry-After", () => {
  it("reads seconds and HTTP dates on 429 and 503", () => {
    expect(retryAfterMs(answer(429, "7"), now)).toBe(7000);
    expect(retryAfterMs(answer(503, " 0 "), now)).toBe(0);
    expect(retryAfterMs(answer(503, "Sun, 06 Dec 2026 12:01:30 GMT"), now)).toBe(90_000);
  });

  it("a date in the past is now; other statuses, no header or an unreadable one give nothing", () => {
    expect(retryAfterMs(answer(429, "Sun, 06 Dec 2026 11:00:00 GMT"), now)).toBe(0);
    expect(retryAfterMs(answer(500, "7"), now)).toBeUndefined();
    expect(retryAfterMs(answer(429), now)).toBeUndefined();
    expect(retryAfterMs(answer(429, "soon"), now)).toBeUndefined();
    expect(retryAfterMs(answer(429, "-5"), now)).toBeUndefined();
  });
});
