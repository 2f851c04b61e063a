// Node flags of the production server (`npm start` and the peer benchmark start scripts/serve.mjs with them).

/** The old-generation cap, in MB, unless NODE_OPTIONS sets its own. */
export const serverMaxOldSpaceMb = 1024;

/**
 * V8 lets the old generation grow to up to 4× what survived the last full GC before it collects
 * again when the heap may reach 2 GB or more (its default on a machine with 8 GB or more); with a 1 GB
 * cap the factor is ~1.6. The server holds ~100 MB under load, so the cap leaves ten times that,
 * and under `npm run bench` (W2, 8 clients) the old generation was collected at ~100 MB instead
 * of 150–190 MB. Someone who needs a larger heap sets `NODE_OPTIONS=--max-old-space-size=…`,
 * which is then left alone (a flag on the command line would override it).
 */
export function serverNodeFlags(nodeOptions = process.env.NODE_OPTIONS ?? "") {
  return /--max-old-space-size\b|--max-heap-size\b/.test(nodeOptions) ? [] : [`--max-old-space-size=${serverMaxOldSpaceMb}`];
}
