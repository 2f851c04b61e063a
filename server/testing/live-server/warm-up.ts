import fs from "node:fs";
import path from "node:path";
import { request } from "./http";

/**
 * Asks every route of the build once, so each route module is loaded. Next loads them all on
 * start anyway (`preloadEntriesOnStart`), compiling large bundles on the main thread for a second or
 * more: an attack that overlapped that would measure Next's start-up, not the attack. When every
 * route has answered, that work is done. A made-up session cookie lets pages past the sign-in
 * redirect of proxy.ts (they then find no session and redirect themselves).
 */
export async function warmUp(url: string, repoRoot: string): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, ".next/app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const routes = [...new Set(Object.values(manifest))].filter((route) => !route.startsWith("/_"));
  const headers = { cookie: "better-auth.session_token=warm-up" };
  for (const route of routes) {
    const concrete = route.replace(/\[\.\.\.[^\]]+\]/g, "get-session").replace(/\[[^\]]+\]/g, "warm-up");
    await request(`${url}${concrete}`, { headers });
  }
}
