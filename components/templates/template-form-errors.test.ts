import { describe, expect, it } from "vitest";
import { publishFormErrors } from "./template-form-errors";

describe("publishFormErrors", () => {
  it("puts an issue about one tag beside the tag list", () => {
    const error = { message: "[zod dump]", data: { code: "BAD_REQUEST", issues: [{ path: "tags[1]", message: 'unknown tag "x": the known tags are …' }] } };
    expect(publishFormErrors(error, "team")).toEqual({ fields: { tags: 'Unknown tag "x": the known tags are …' }, message: null });
  });

  it("puts the owners-only refusal of public beside the visibility choice", () => {
    const error = { message: "only team owners can publish a public template", data: { code: "FORBIDDEN", issues: null } };
    expect(publishFormErrors(error, "public").fields.visibility).toBe("Only team owners can publish a public template");
  });

  it("shows other failures above the form", () => {
    const error = { message: 'workflow "x" has no published version', data: { code: "PRECONDITION_FAILED", issues: null } };
    expect(publishFormErrors(error, "team")).toEqual({ fields: {}, message: 'Workflow "x" has no published version' });
  });
});
