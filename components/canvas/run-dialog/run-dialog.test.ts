import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RunDialog, type RunDialogProps } from "./run-dialog";

// The first step needs no server: rendered to markup, without a browser.
function render(overrides: Partial<RunDialogProps>): string {
  const props: RunDialogProps = {
    workflowId: "w1",
    open: true,
    onClose: () => undefined,
    latestVersion: 3,
    draftIsPublished: false,
    draftIsValid: true,
    publish: () => Promise.resolve(4),
    canEdit: true,
    ...overrides,
  };
  return renderToStaticMarkup(createElement(RunDialog, props));
}

const disabledAttribute = ' disabled=""';
const button = (html: string, name: string) => html.match(new RegExp(`<button[^>]*>${name}</button>`))?.[0] ?? null;

describe("RunDialog, before the input", () => {
  it("offers to publish the changed draft and run, or to run the last version", () => {
    const html = render({});
    expect(html).toContain("The draft has unpublished changes");
    expect(button(html, "Publish and run")).not.toContain(disabledAttribute);
    expect(button(html, "Run version 3")).not.toBeNull();
  });

  it("disables publishing an invalid draft and says why, still offering the last version", () => {
    const html = render({ draftIsValid: false, problemCount: 2 });
    expect(button(html, "Publish and run")).toContain(disabledAttribute);
    expect(html).toContain("Fix the 2 problems in the draft first.");
    expect(button(html, "Run version 3")).not.toContain(disabledAttribute);
  });

  it("explains that a never-published invalid draft cannot run", () => {
    const html = render({ latestVersion: null, draftIsValid: false, problemCount: 1 });
    expect(html).toContain("This workflow cannot run yet");
    expect(html).toContain("the draft has 1 problem");
    expect(button(html, "Publish and run")).toBeNull();
  });

  it("tells a viewer that running needs the editor role", () => {
    expect(render({ canEdit: false })).toContain("Starting runs needs the editor role");
  });

  it("renders nothing inside the dialog while closed", () => {
    expect(render({ open: false })).not.toContain("unpublished");
  });
});
