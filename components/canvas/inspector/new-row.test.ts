import { expect, it } from "vitest";
import { getStepSpec } from "@/engine/definition";
import { describeConfigSchema } from "./config-fields";
import { newRow } from "./new-row";

it("makes a switch case with a label not yet used", () => {
  const cases = describeConfigSchema(getStepSpec("switch")!.configSchema)!.find((field) => field.key === "cases")!;
  if (cases.kind !== "objectList") throw new Error("cases is not a list");
  expect(newRow(cases.itemFields, [{ label: "case_2" }], "Case")).toEqual({ label: "case_3", expression: "" });
  expect(newRow(cases.itemFields, [{ label: "a" }], "Case")).toEqual({ label: "case_2", expression: "" });
});
