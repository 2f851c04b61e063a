import { describe, expect, it } from "vitest";
import { fieldErrorsOf, formInput, inputSchemaOf, issuesOfError, parseRawInput, runPhase } from "./run-input";
import { shortRunId } from "@/components/runs/run-text";

describe("run input helpers", () => {
  it("parses raw JSON, treating an empty box as {}", () => {
    expect(parseRawInput(' { "n": 1 } ')).toEqual({ ok: true, value: { n: 1 } });
    expect(parseRawInput("  ")).toEqual({ ok: true, value: {} });
    expect(parseRawInput("{ n: 1 }")).toEqual({ ok: false, message: expect.stringMatching(/^Not valid JSON: /) });
  });

  it("drops the form's empty fields, which have no JSON form", () => {
    expect(formInput({ name: undefined, tags: ["a"], n: 0 })).toEqual({ tags: ["a"], n: 0 });
    expect(formInput(undefined)).toEqual({});
  });

  it("finds an input schema only when the definition has an object there", () => {
    expect(inputSchemaOf({ input: { type: "object" } })).toEqual({ type: "object" });
    expect(inputSchemaOf({ input: [1] })).toBeNull();
    expect(inputSchemaOf({})).toBeNull();
    expect(inputSchemaOf(null)).toBeNull();
  });

  it("shortens a UUIDv7 run id to its random end, which differs between runs started together", () => {
    expect(shortRunId("01938a2b-7c4d-7e5f-8a9b-0c1d2e3f4a5b")).toBe("2e3f4a5b");
  });

  it("polls a run while steps work, slowly while it only waits, and not once it settled", () => {
    const run = (status: "running" | "completed", ...steps: ("queued" | "waiting" | "completed" | "pending")[]) => ({ status, steps: steps.map((s) => ({ status: s })) });
    expect(runPhase(run("running", "completed", "queued"))).toBe("active");
    expect(runPhase(run("running", "waiting", "pending"))).toBe("waiting");
    expect(runPhase(run("running", "waiting", "queued"))).toBe("active");
    expect(runPhase(run("completed", "completed"))).toBe("settled");
  });

  it("reads path-addressed issues from a tRPC error", () => {
    expect(issuesOfError({ data: { issues: [{ path: "input.n", message: "must be number" }] } })).toEqual([{ path: "input.n", message: "must be number" }]);
    expect(issuesOfError({ data: { issues: null } })).toEqual([]);
    expect(issuesOfError(null)).toEqual([]);
  });

  it("puts the server's input issues beside the fields they name, a missing property on that property", () => {
    const issues = [
      { path: "input.customer.email", message: 'must match pattern "^[^@]+@[^@]+$"' },
      { path: "input", message: "must have required property 'total'" },
      { path: "input.items.0", message: "must be string" },
      { path: "input", message: "must be object" },
      { path: "steps[0].config", message: "not about the input" },
    ];
    expect(fieldErrorsOf(issues)).toEqual({
      __errors: ["must be object"],
      customer: { email: { __errors: ['must match pattern "^[^@]+@[^@]+$"'] } },
      total: { __errors: ["is required"] },
      items: { 0: { __errors: ["must be string"] } },
    });
  });
});
