import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponse, HttpError, jsonTextOf, respond } from "./responses";

describe("answers of the public HTTP API", () => {
  it("carry their JSON text for the Node front door, equal to the body a client reads", async () => {
    const answer = respond(z.object({ runId: z.string() }), { runId: "r1" }, 201, { location: "/api/v1/runs/r1" });
    expect(jsonTextOf(answer)).toBe('{"runId":"r1"}');
    expect([answer.status, answer.headers.get("content-type"), answer.headers.get("cache-control"), answer.headers.get("location")]).toEqual([201, "application/json", "no-store", "/api/v1/runs/r1"]);
    expect(await answer.text()).toBe(jsonTextOf(answer));
    const refusal = errorResponse(new HttpError("NOT_FOUND", "not found"));
    expect(JSON.parse(jsonTextOf(refusal)!)).toEqual({ error: { code: "NOT_FOUND", message: "not found" } });
    expect(jsonTextOf(new Response("{}"))).toBeUndefined();
  });
});
