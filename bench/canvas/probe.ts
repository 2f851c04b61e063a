// In-page instrumentation for the canvas benchmark, injected as a plain script before the app loads
// (a string, not a function: tsx's helpers must not leak into the page). Reads React Flow's DOM with
// CSS selectors; tests use roles, a benchmark may look at the implementation.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { OrkaServer } from "./server";

export const probeScript = String.raw`
(() => {
  const bench = (window.__bench = {
    firstNodeAt: null,
    drawn: null,
    frames: null,
    events: [],
    longTasks: [],
  });

  const nodeCount = () => document.querySelectorAll(".react-flow__node").length;
  const transformOf = () => document.querySelector(".react-flow__viewport")?.style.transform ?? "";
  bench.zoom = () => {
    const match = /scale\(([^)]+)\)/.exec(transformOf());
    return match ? Number(match[1]) : NaN;
  };
  bench.counts = () => ({
    nodes: nodeCount(),
    overview: !!document.querySelector('canvas[aria-label^="Overview of"]'),
    edges: document.querySelectorAll(".react-flow__edge").length,
    zoom: bench.zoom(),
  });

  // Time to first render: the first step node in the DOM.
  const firstNode = new MutationObserver(() => {
    if (document.querySelector(".react-flow__node")) {
      bench.firstNodeAt = performance.now();
      firstNode.disconnect();
    }
  });
  firstNode.observe(document, { childList: true, subtree: true });

  // Usable: the server draws the designer, which is inert (its canvas named "Loading the workflow")
  // until the page's code has run; then the canvas is named "Workflow canvas".
  bench.usableAt = null;
  const usable = new MutationObserver(() => {
    if (document.querySelector('[role="application"][aria-label="Workflow canvas"]')) {
      bench.usableAt = performance.now();
      usable.disconnect();
    }
  });
  usable.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });

  // Fully drawn: every rendered node measured (React Flow keeps unmeasured nodes visibility:hidden),
  // edges drawn, viewport settled (fitView done); the time is the frame that first showed the final
  // state, confirmed by 30 unchanged frames and 500 ms.
  let signature = "";
  let since = 0;
  let stableFrames = 0;
  const watchDrawn = (now) => {
    const nodes = document.querySelectorAll(".react-flow__node");
    let hidden = 0;
    for (const node of nodes) if (node.style.visibility === "hidden") hidden++;
    const edges = document.querySelectorAll(".react-flow__edge path.react-flow__edge-path").length;
    const next = nodes.length + "|" + hidden + "|" + edges + "|" + transformOf();
    if (next !== signature) {
      signature = next;
      since = now;
      stableFrames = 0;
    } else if (nodes.length > 0 && hidden === 0 && edges > 0 && ++stableFrames >= 30 && now - since >= 500) {
      // A frame's timestamp is when it began, which can be before a long task that put the first
      // step into the DOM ended: fully drawn is never earlier than the first step.
      bench.drawn = { at: Math.max(since, bench.firstNodeAt ?? since), nodes: nodes.length, edges, zoom: bench.zoom() };
      return;
    }
    requestAnimationFrame(watchDrawn);
  };
  requestAnimationFrame(watchDrawn);

  // Frame intervals between start() and stop().
  bench.startFrames = () => {
    const stamps = [];
    bench.frames = stamps;
    const tick = (now) => {
      if (bench.frames !== stamps) return;
      stamps.push(now);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.stopFrames = () => {
    const stamps = bench.frames ?? [];
    bench.frames = null;
    return stamps.slice(1).map((stamp, index) => stamp - stamps[index]);
  };

  // Event Timing (only events of 16 ms or more are reported) and long tasks.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        bench.events.push({ name: entry.name, startTime: entry.startTime, duration: entry.duration, interactionId: entry.interactionId ?? 0 });
    }).observe({ type: "event", buffered: true, durationThreshold: 16 });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}

  // One keystroke: from the key event to the first painted frame whose node shows the text.
  // "Painted" is approximated by a message posted from the requestAnimationFrame callback that
  // first sees the text: it runs right after that frame's rendering step.
  let armed = null;
  document.addEventListener(
    "keydown",
    (event) => {
      if (armed && armed.keyAt === null) armed.keyAt = event.timeStamp;
    },
    true,
  );
  bench.armEdit = (stepId, text) => {
    armed = { keyAt: null };
    const mine = armed;
    const armedAt = performance.now();
    mine.done = new Promise((resolve) => {
      const check = () => {
        if (performance.now() - armedAt > 10000) return resolve({ keyAt: mine.keyAt ?? armedAt, paintedAt: NaN });
        const node = document.querySelector('.react-flow__node[data-id="' + stepId + '"]');
        if (mine.keyAt !== null && node && node.textContent.includes(text)) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ keyAt: mine.keyAt, paintedAt: performance.now() });
          channel.port2.postMessage(null);
          return;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  };
  bench.editDone = () => armed.done;

  // A point on the empty pane (not a node, edge, panel, minimap or control) with room either side,
  // nearest the middle: candidates on a 16 px grid tried from the centre outwards.
  bench.emptyPanePoint = (room) => {
    const pane = document.querySelector(".react-flow__pane");
    if (!pane) return null;
    const box = pane.getBoundingClientRect();
    const centre = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    const free = (x, y) => document.elementFromPoint(x, y) === pane;
    const candidates = [];
    for (let y = box.top + 60; y < box.bottom - 60; y += 16)
      for (let x = box.left + room + 20; x < box.right - room - 20; x += 16) candidates.push({ x, y, distance: Math.hypot(x - centre.x, y - centre.y) });
    candidates.sort((a, b) => a.distance - b.distance);
    for (const { x, y } of candidates) if (free(x, y) && free(x - room, y) && free(x + room, y)) return { x, y };
    return null;
  };
  bench.paneBox = () => {
    const box = document.querySelector(".react-flow__pane").getBoundingClientRect();
    return { x: box.left, y: box.top, width: box.width, height: box.height };
  };
  // The rendered step node nearest the pane's centre, fully inside the pane.
  bench.centralNode = () => {
    const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best = null;
    for (const node of document.querySelectorAll(".react-flow__node")) {
      const box = node.getBoundingClientRect();
      if (box.left < pane.left + 40 || box.right > pane.right - 260 || box.top < pane.top + 40 || box.bottom > pane.bottom - 200) continue;
      const distance = Math.hypot(box.left + box.width / 2 - cx, box.top + box.height / 2 - cy);
      if (!best || distance < best.distance) best = { id: node.dataset.id, x: box.left + box.width / 2, y: box.top + box.height / 2, distance };
    }
    return best;
  };
})();
`;

/**
 * A page in a new browser context (cold cache), signed in as the bench owner with the cookie as the
 * server sets it (host-only, HttpOnly, Lax), with the probe installed before any script runs.
 */
export async function openProbedPage(browser: Browser, server: OrkaServer, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addCookies([{ ...server.session, url: server.url, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  await page.addInitScript(probeScript);
  return { context, page };
}
