import { describe, expect, it } from "vitest";
import { formErrorsOf } from "./form-errors";

const fields = ["name", "namespace"] as const;

describe("formErrorsOf", () => {
  it("has nothing to show without an error", () => {
    expect(formErrorsOf(null, fields)).toEqual({ fields: {}, message: null });
  });

  it("shows a message without issues (a CONFLICT) above the form, as a sentence", () => {
    const error = { message: 'a workflow named "x" already exists in namespace "default"', data: { issues: null } };
    expect(formErrorsOf(error, fields)).toEqual({ fields: {}, message: 'A workflow named "x" already exists in namespace "default"' });
  });

  it("puts issues beside the fields they name, the first per field, and never shows zod's JSON message", () => {
    const error = {
      message: '[{"code":"invalid_format"}]',
      data: {
        issues: [
          { path: "name", message: "name is lowercase letters" },
          { path: "name", message: "name is at most 100 characters" },
          { path: "namespace", message: "namespace is empty" },
        ],
      },
    };
    expect(formErrorsOf(error, fields)).toEqual({
      fields: { name: "Name is lowercase letters", namespace: "Namespace is empty" },
      message: null,
    });
  });

  it("keeps issues for fields the form does not have above the form", () => {
    const error = { message: "[]", data: { issues: [{ path: "description", message: "too long" }, { path: "", message: "bad input" }] } };
    expect(formErrorsOf(error, fields)).toEqual({ fields: {}, message: "Description: too long; bad input" });
  });

  it("shows a network error's message", () => {
    expect(formErrorsOf({ message: "Failed to fetch" }, fields)).toEqual({ fields: {}, message: "Failed to fetch" });
  });
});
