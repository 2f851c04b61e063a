import fs from "node:fs";
import path from "node:path";
import { request } from "./http";

/**
 * Asks every API route of the build once, so each is loaded before an attack. Live servers run
 * with `ORKA_PRELOAD_ROUTES=0` (next.config.js): Next then loads a route on its first request, and
 * never in the background, where compiling its bundles on the main thread would overlap an attack
 * and be measured as the attack's doing. Pages stay unloaded: attacks do not render them.
 */
export async function warmUp(url: string, repoRoot: string): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const routes = [...new Set(Object.values(manifest))].filter((route) => route.startsWith("/api/"));
  for (const route of routes) {
    const concrete = route.replace(/\[\.\.\.[^\]]+\]/g, "get-session").replace(/\[[^\]]+\]/g, "warm-up");
    await request(`${url}${concrete}`);
  }
}
