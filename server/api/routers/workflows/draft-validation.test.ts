import { describe, expect, it } from "vitest";
import { rememberDraftValidation, validateDraftOf, validateStoredDraft } from "./draft-validation";

// The validation of a stored draft is remembered by workflow, for the exact text and identity it
// was made for: a read after a save does not validate again, and anything else validates afresh.
const workflow = { id: "wf_remembered", namespace: "ops", name: "orders" };
const draftCalling = (target: string) => ({
  format: "orka/v1",
  name: "orders",
  namespace: "ops",
  steps: [{ id: "again", type: "subworkflow", config: { workflow: target } }],
  edges: [],
});

describe("validateStoredDraft", () => {
  it("answers a save's own validation for the text it stored", () => {
    const draft = draftCalling("ops/other");
    const text = JSON.stringify(draft);
    const saved = validateDraftOf(workflow, draft);
    rememberDraftValidation(workflow, text, saved);
    expect(validateStoredDraft(workflow, text, JSON.parse(text))).toBe(saved);
  });

  it("validates again when the stored text differs", () => {
    const first = JSON.stringify(draftCalling("ops/other"));
    expect(validateStoredDraft(workflow, first, JSON.parse(first)).issues).toEqual([]);
    const second = JSON.stringify(draftCalling("ops/orders"));
    expect(validateStoredDraft(workflow, second, JSON.parse(second)).issues.map((issue) => issue.path)).toEqual(["steps[0].config.workflow"]);
  });

  it("validates again for another identity of the same workflow (a rename)", () => {
    const text = JSON.stringify(draftCalling("ops/shipping"));
    const before = validateStoredDraft(workflow, text, JSON.parse(text));
    expect(before.issues).toEqual([]);
    const renamed = { ...workflow, name: "shipping" };
    expect(validateStoredDraft(renamed, text, JSON.parse(text)).issues.map((issue) => issue.path)).toEqual(["steps[0].config.workflow"]);
  });

  it("keeps each workflow's own entry", () => {
    const other = { id: "wf_other", namespace: "ops", name: "other" };
    const text = JSON.stringify(draftCalling("ops/other"));
    const mine = validateStoredDraft(workflow, text, JSON.parse(text));
    const theirs = validateStoredDraft(other, text, JSON.parse(text));
    expect(mine.issues).toEqual([]);
    expect(theirs.issues.map((issue) => issue.path)).toEqual(["steps[0].config.workflow"]);
    expect(validateStoredDraft(workflow, text, JSON.parse(text))).toBe(mine);
  });
});
