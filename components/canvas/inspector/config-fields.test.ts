import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getStepSpec, retryPolicySchema, stepSpecs } from "@/engine/definition";
import { describeConfigSchema, type FieldDescriptor } from "./config-fields";

/** Fields deliberately edited as raw JSON; anything else falling back to JSON is an unsupported kind. */
const jsonOnPurpose = new Set(["subworkflow.definition", "map.definition"]);

const describe_ = (type: string) => describeConfigSchema(getStepSpec(type)!.configSchema)!;
const byKey = (fields: FieldDescriptor[], key: string) => fields.find((field) => field.key === key)!;

describe("describeConfigSchema", () => {
  it.each(stepSpecs.map((spec) => [spec.type, spec] as const))("gives every field of %s a form control", (type, spec) => {
    const fields = describeConfigSchema(spec.configSchema);
    expect(fields, `${type} config is not an object schema`).not.toBeNull();
    const walk = (list: FieldDescriptor[]): FieldDescriptor[] => list.flatMap((field) => (field.kind === "objectList" ? [field, ...walk(field.itemFields)] : [field]));
    for (const field of walk(fields!)) {
      if (field.kind === "json") expect(jsonOnPurpose, `${type}.${field.key} has an unsupported kind`).toContain(`${type}.${field.key}`);
      expect(field.label).not.toBe("");
    }
  });

  it("reads marked fields, enums, defaults and optionality (http)", () => {
    const fields = describe_("http");
    expect(fields.map((field) => field.key)).toEqual(["method", "url", "headers", "body"]);
    expect(byKey(fields, "method")).toEqual({ key: "method", label: "Method", kind: "enum", options: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], optional: true, defaultValue: "GET" });
    expect(byKey(fields, "url")).toEqual({ key: "url", label: "URL", kind: "template", optional: false });
    expect(byKey(fields, "headers")).toEqual({ key: "headers", label: "Headers", kind: "record", valueKind: "template", optional: true });
    expect(byKey(fields, "body")).toMatchObject({ kind: "expression", optional: true });
  });

  it("reads number bounds and integers through a refined object (delay, map)", () => {
    expect(byKey(describe_("delay"), "ms")).toEqual({ key: "ms", label: "Milliseconds", kind: "number", integer: true, min: 0, max: 366 * 24 * 3600 * 1000, optional: true });
    expect(byKey(describe_("delay"), "until")).toMatchObject({ kind: "expression", optional: true });
    expect(byKey(describe_("map"), "maxConcurrency")).toMatchObject({ kind: "number", integer: true, min: 1, max: 64, defaultValue: 4, label: "Max concurrency" });
  });

  it("describes an array of objects row by row (switch cases)", () => {
    expect(byKey(describe_("switch"), "cases")).toEqual({
      key: "cases",
      label: "Cases",
      kind: "objectList",
      optional: false,
      itemFields: [
        { key: "label", label: "Label", kind: "text", optional: false },
        { key: "expression", label: "Expression", kind: "expression", optional: false },
      ],
    });
  });

  it("keeps a marked field's default (fail message) and code (code source)", () => {
    expect(byKey(describe_("fail"), "message")).toMatchObject({ kind: "template", optional: true, defaultValue: "failed by a fail step" });
    expect(byKey(describe_("code"), "source")).toMatchObject({ kind: "code", optional: false });
  });

  it("describes the retry policy with its defaults", () => {
    const fields = describeConfigSchema(retryPolicySchema)!;
    expect(fields.map((field) => [field.key, field.kind, field.defaultValue])).toEqual([
      ["maxAttempts", "number", 1],
      ["backoff", "enum", "exponential"],
      ["initialDelayMs", "number", 1000],
      ["maxDelayMs", "number", 60_000],
      ["jitter", "number", 0.2],
      ["maxRetryAfterMs", "number", undefined],
      ["on", "json", undefined],
    ]);
    expect(byKey(fields, "jitter")).toMatchObject({ integer: false, min: 0, max: 1 });
  });

  it("falls back to JSON for shapes without a control, and null for non-objects", () => {
    const fields = describeConfigSchema(z.object({ flag: z.boolean(), pair: z.tuple([z.string()]), nested: z.object({ a: z.string() }) }))!;
    expect(fields.map((field) => field.kind)).toEqual(["boolean", "json", "json"]);
    expect(describeConfigSchema(z.string())).toBeNull();
  });
});
