import { describe, expect, it } from "vitest";
import { secretNamesInDefinition } from "@/engine/definition";
import { exampleDefinitions, exampleTemplates } from "@/server/examples/index";
import { templateDescriptionSchema, templateTags, templateTagsSchema, templateTitleSchema } from "./template-rules";
import { parseTemplateTriggers } from "./template-triggers";
import { toWorkflowName } from "./use-template";

describe("built-in templates", () => {
  it("need no secrets (they run as shipped)", () => {
    for (const definition of Object.values(exampleDefinitions)) expect(secretNamesInDefinition(definition)).toEqual([]);
  });
});

describe("template rules", () => {
  it("has a fixed vocabulary of about fifteen tags", () => {
    expect(templateTags).toHaveLength(15);
    expect(templateTagsSchema.safeParse(["etl", "approval"]).success).toBe(true);
  });

  it("lists the known tags when refusing an unknown one", () => {
    const result = templateTagsSchema.safeParse(["etl", "crypto"]);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: [1], message: `unknown tag "crypto": the known tags are ${templateTags.join(", ")}` })]);
  });

  it("gives every built-in example gallery text within the limits and known tags", () => {
    for (const meta of Object.values(exampleTemplates)) {
      expect(templateTitleSchema.safeParse(meta.title).success).toBe(true);
      expect(templateDescriptionSchema.safeParse(meta.description).success).toBe(true);
      expect(templateTagsSchema.safeParse(meta.tags).error?.issues ?? []).toEqual([]);
    }
  });
});

describe("toWorkflowName", () => {
  it.each([
    ["user_onboarding", "user_onboarding"],
    ["Order Fulfillment (EU)", "order_fulfillment_eu"],
    ["42 things", "workflow_42_things"],
    ["", "workflow"],
    [undefined, "workflow"],
  ])("%s → %s", (input, expected) => expect(toWorkflowName(input)).toBe(expected));

  it("leaves room for a suffix", () => expect(toWorkflowName("x".repeat(200))).toHaveLength(90));
});

describe("parseTemplateTriggers", () => {
  it("reads the object form, a bare schedule array, the column default and garbage", () => {
    const schedule = { cron: "@daily", timezone: "UTC", input: {} };
    expect(parseTemplateTriggers(JSON.stringify({ schedules: [schedule], webhook: true }))).toEqual({ schedules: [schedule], webhook: true });
    expect(parseTemplateTriggers(JSON.stringify([schedule]))).toEqual({ schedules: [schedule], webhook: false });
    expect(parseTemplateTriggers("{}")).toEqual({ schedules: [], webhook: false });
    expect(parseTemplateTriggers("not json")).toEqual({ schedules: [], webhook: false });
  });
});
