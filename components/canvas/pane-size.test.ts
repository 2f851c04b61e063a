import { describe, expect, it } from "vitest";
import { defaultPaneSize, paneCookieText, parsePaneSize } from "./pane-size";

describe("pane size cookie", () => {
  it("reads what it wrote", () => {
    const text = paneCookieText({ width: 1234.4, height: 567.6 });
    expect(text).toMatch(/^orka-canvas-pane=1234x568; path=\/; max-age=\d+; samesite=lax$/);
    expect(parsePaneSize(text.split(";")[0]!.split("=")[1])).toEqual({ width: 1234, height: 568 });
  });

  it("falls back to the default for a missing or odd value", () => {
    for (const text of [undefined, "", "abc", "0x0", "12x", "99999x500", "500x-3", "1e3x500"]) expect(parsePaneSize(text)).toEqual(defaultPaneSize);
  });
});
