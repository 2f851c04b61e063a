/**
 * The designer's canvas pane, in CSS pixels, remembered in a cookie: the server draws the first view
 * (the steps in view, at the opening zoom) for the pane the browser last reported, so the workflow
 * shows before the page's code has loaded. Until a browser has said, the pane of a 1600×900 window
 * with the palette and the side panel open is assumed; the canvas corrects the view once it has
 * measured the real pane.
 */
export const paneCookie = "orka-canvas-pane";

export type PaneSize = { width: number; height: number };

export const defaultPaneSize: PaneSize = { width: 1059, height: 780 };

const limit = 10_000;

/** The cookie's `<width>x<height>`, or the default when it is missing or not two sensible sizes. */
export function parsePaneSize(text: string | undefined): PaneSize {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(text ?? "");
  if (!match) return defaultPaneSize;
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 && width <= limit && height <= limit ? { width, height } : defaultPaneSize;
}

/** The `Set-Cookie`-style text that remembers `size` for a year on this site. */
export function paneCookieText(size: PaneSize): string {
  return `${paneCookie}=${Math.round(size.width)}x${Math.round(size.height)}; path=/; max-age=31536000; samesite=lax`;
}
