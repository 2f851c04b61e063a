import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

// Next evaluates a server module once per bundle that includes it; an error made by one copy must
// still be recognised by another (the rate limiter is one per process, the webhook door's code another copy).
describe("errors across module copies", () => {
  it("HttpError and TriggerError from another copy are instances of this copy's class, and nothing else is", async () => {
    const mine = { ...(await import("./responses")), ...(await import("@/server/triggers/trigger-error")) };
    vi.resetModules();
    const other = { ...(await import("./responses")), ...(await import("@/server/triggers/trigger-error")) };
    expect(other.HttpError).not.toBe(mine.HttpError);
    expect(new other.HttpError("RATE_LIMITED", "slow down")).toBeInstanceOf(mine.HttpError);
    expect(new other.TriggerError("NOT_FOUND", "gone")).toBeInstanceOf(mine.TriggerError);
    expect(new other.TriggerError("NOT_FOUND", "gone")).not.toBeInstanceOf(mine.HttpError);
    expect(new Error("plain")).not.toBeInstanceOf(mine.HttpError);
    expect(null).not.toBeInstanceOf(mine.TriggerError);
    const answer = mine.errorResponse(new other.HttpError("RATE_LIMITED", "slow down", undefined, { "retry-after": "3" }));
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("3");
  });
});
