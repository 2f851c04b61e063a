// Node flags of the production server (`npm start` and the peer benchmark start scripts/serve.mjs with them).

/** The old-generation cap, in MB, unless NODE_OPTIONS sets its own. */
export const serverMaxOldSpaceMb = 1024;

/** The young generation's semi-space cap, in MB, unless NODE_OPTIONS sets its own. */
export const serverMaxSemiSpaceMb = 8;

/**
 * V8 lets the old generation grow to up to 4× what survived the last full GC before it collects
 * again when the heap may reach 2 GB or more (its default on a machine with 8 GB or more); with a 1 GB
 * cap the factor is ~1.6. The server holds ~100 MB under load, so the cap leaves ten times that,
 * and under `npm run bench` (W2, 8 clients) the old generation was collected at ~100 MB instead
 * of 150–190 MB. Someone who needs a larger heap sets `NODE_OPTIONS=--max-old-space-size=…`,
 * which is then left alone (a flag on the command line would override it).
 *
 * Node 20 lets each of the young generation's two semi-spaces grow to 16 MB, and once grown they
 * stay resident (32 MB, at idle too). At 8 MB the server's resident memory after start was ~15 MB
 * lower (190–192 MB against 205–208 MB, same build); under `npm run bench` (W2, 64 clients) the
 * peak moved little (271 MB against 269–282 MB) and CPU per run by a few percent at most (6.3–6.5
 * ms against 6.2–6.3 ms): bench/README.md, "Where the memory goes". `NODE_OPTIONS=--max-semi-space-size=…` wins.
 */
export function serverNodeFlags(nodeOptions = process.env.NODE_OPTIONS ?? "") {
  const flags = [];
  if (!/--max-old-space-size\b|--max-heap-size\b/.test(nodeOptions)) flags.push(`--max-old-space-size=${serverMaxOldSpaceMb}`);
  if (!/--max-semi-space-size\b|--max-heap-size\b/.test(nodeOptions)) flags.push(`--max-semi-space-size=${serverMaxSemiSpaceMb}`);
  return flags;
}
