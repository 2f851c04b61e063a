import { describe, expect, it } from "vitest";
import { parseScheduleInput, scheduleFormErrors } from "./schedule-errors";
import { timeZoneOptions } from "./time-zones";
import { restCurlExample, startRunPath, webhookCurlExamples } from "./trigger-examples";

describe("scheduleFormErrors", () => {
  it("puts cron, time zone and input issues beside their fields, the rest above the form", () => {
    const errors = scheduleFormErrors({
      message: "invalid schedule: …",
      data: {
        issues: [
          { path: "cron", message: '"every monday" is not a valid cron expression' },
          { path: "timezone", message: "not an IANA time zone" },
          { path: "input.customer.tier", message: "must be string" },
          { path: "input", message: "must be object" },
          { path: "", message: "something else" },
        ],
      },
    });
    expect(errors).toEqual({
      fields: {
        cron: '"every monday" is not a valid cron expression',
        timezone: "Not an IANA time zone",
        input: "input.customer.tier: must be string; Must be object",
      },
      message: "Something else",
    });
  });

  it("shows a message without issues above the form, and nothing without an error", () => {
    expect(scheduleFormErrors({ message: "a workflow has at most 20 schedules", data: { issues: null } })).toEqual({ fields: {}, message: "A workflow has at most 20 schedules" });
    expect(scheduleFormErrors(null)).toEqual({ fields: {}, message: null });
  });
});

describe("parseScheduleInput", () => {
  it("reads empty as no input, JSON as its value, anything else as an error", () => {
    expect(parseScheduleInput("  ")).toEqual({ ok: true, value: undefined });
    expect(parseScheduleInput('{ "n": 1 }')).toEqual({ ok: true, value: { n: 1 } });
    expect(parseScheduleInput("{ n: 1 }")).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
  });
});

describe("trigger examples", () => {
  it("quotes the webhook URL and adds wait=true", () => {
    expect(webhookCurlExamples("http://x/api/hooks/abc")).toEqual({
      start: "curl -X POST 'http://x/api/hooks/abc' -H 'Content-Type: application/json' -d '{}'",
      wait: "curl -X POST 'http://x/api/hooks/abc?wait=true' -H 'Content-Type: application/json' -d '{}'",
    });
    expect(webhookCurlExamples("http://x/it's").start).toContain(`'http://x/it'\\''s'`);
  });

  it("names the REST start-run path and never a real key", () => {
    expect(startRunPath("wf_1")).toBe("/api/v1/workflows/wf_1/runs");
    expect(restCurlExample("http://x", "wf_1")).toBe(
      `curl -X POST 'http://x/api/v1/workflows/wf_1/runs' -H "Authorization: Bearer $ORKA_API_KEY" -H 'Content-Type: application/json' -d '{"input": {}}'`,
    );
  });
});

describe("timeZoneOptions", () => {
  it("starts with UTC, once, and includes the extra zones", () => {
    const zones = timeZoneOptions(["Mars/Olympus", "UTC"]);
    expect(zones[0]).toBe("UTC");
    expect(zones.filter((zone) => zone === "UTC")).toHaveLength(1);
    expect(zones).toContain("Mars/Olympus");
    expect(zones).toContain("Europe/Paris");
  });
});
