import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TagFilter } from "./tag-filter";
import { TemplateTagChoice, VisibilityChoice } from "./template-form-fields";
import { TemplateCard } from "./template-card";
import { TemplateUpdateNotice } from "./template-update-notice";
import type { TemplateCardData } from "./template-types";

// Rendered to markup, without a browser: the accessible names and states e2e locators rely on.
const card: TemplateCardData = {
  id: "t1",
  title: "Checkout",
  description: "Routes payments",
  tags: ["e-commerce", "payments"],
  visibility: "public",
  builtIn: true,
  teamName: null,
  mine: false,
  latestVersion: 2,
  updatedAt: new Date(),
  stepCount: 5,
};

describe("template gallery parts", () => {
  it("a card links its title to the preview and shows badge, tags and steps", () => {
    const html = renderToStaticMarkup(createElement(TemplateCard, { template: card }));
    expect(html).toContain('href="/templates/t1"');
    expect(html).toContain(">Built-in<");
    expect(html).toContain('aria-label="Tags"');
    expect(html).toContain("5 steps");
  });

  it("tag filter buttons say whether they are pressed, and leave out unused tags", () => {
    const html = renderToStaticMarkup(
      createElement(TagFilter, { tags: [{ tag: "etl", count: 2 }, { tag: "data", count: 1 }, { tag: "finance", count: 0 }], value: "etl", onChange: () => undefined }),
    );
    expect(html).toContain('role="group" aria-label="Filter by tag"');
    expect(html.match(/aria-pressed="true"[^>]*>etl/)).not.toBeNull();
    expect(html.match(/aria-pressed="false"[^>]*>data/)).not.toBeNull();
    expect(html).not.toContain("finance");
  });

  it("the designer notice appears only when the template moved past the copied version", () => {
    const origin = { id: "t1", title: "Checkout", version: 1, latestVersion: 2 };
    expect(renderToStaticMarkup(createElement(TemplateUpdateNotice, { template: origin }))).toContain("Newer template version available (v2 of “Checkout”)");
    expect(renderToStaticMarkup(createElement(TemplateUpdateNotice, { template: { ...origin, version: 2 } }))).toBe("");
    expect(renderToStaticMarkup(createElement(TemplateUpdateNotice, { template: null }))).toBe("");
  });

  it("the publish form's tag checkboxes and visibility radios are labelled; public is closed to non-owners", () => {
    const tags = renderToStaticMarkup(createElement(TemplateTagChoice, { tags: ["etl", "data", "finance"], value: ["etl", "data"], max: 2, onChange: () => undefined, error: "Unknown tag" }));
    expect(tags).toContain("<legend");
    expect(tags.match(/<label[^>]*><input type="checkbox"[^>]*checked=""[^>]*\/>etl<\/label>/)).not.toBeNull();
    expect(tags.match(/<input type="checkbox" disabled=""[^>]*\/>finance/)).not.toBeNull();
    expect(tags).toContain("Unknown tag");
    const visibility = renderToStaticMarkup(createElement(VisibilityChoice, { value: "team", canPublishPublic: false, onChange: () => undefined }));
    expect(visibility.match(/<input type="radio"[^>]*disabled=""[^>]*value="public"/)).not.toBeNull();
    expect(visibility).toContain("Only team owners can publish public templates.");
  });
});
