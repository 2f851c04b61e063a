// A V8 CPU profile (CDP `Profiler`) of the designer's load, and where its time went by bundle chunk:
// each chunk is named by the libraries found in it (react-dom, @xyflow, zod, …), so minified frames
// still say whether the time was React rendering, React Flow, the app's own code or parsing data.
//   BENCH_CANVAS_CPU_PROFILE=DIR npm run bench:canvas      (writes DIR/<size>-load.cpuprofile)
//   npx tsx bench/canvas/cpu-profile.ts DIR/<file>.cpuprofile [--top 25]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "@playwright/test";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `run` inside a CPU profile of `page`, written to `file`. */
export async function profiled<T>(page: Page, file: string, run: () => Promise<T>): Promise<T> {
  const session = await page.context().newCDPSession(page);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
  try {
    return await run();
  } finally {
    const { profile } = await session.send("Profiler.stop");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(profile));
    await session.detach();
  }
}

const markers: [RegExp, string][] = [
  [/react-dom|__reactFiber|scheduler/, "react-dom"],
  [/react-flow__|xyflow/, "@xyflow"],
  [/superjson/, "superjson/tRPC"],
  [/_zod|ZodType|zod/, "zod"],
  [/jsonata/i, "jsonata"],
  [/tanstack|QueryClient/, "react-query"],
  [/__next|next-router|createHrefFromUrl/, "next"],
];

/** The libraries a built chunk holds, read from `.next/static/chunks`. */
function chunkLabel(url: string, repoRoot: string): string {
  const pathname = url.startsWith("http") ? new URL(url).pathname : url;
  const match = /\/_next\/(static\/chunks\/.+\.js)$/.exec(pathname);
  if (!match) return pathname || "(no script)";
  const file = path.join(repoRoot, ".next", match[1]!);
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const found = markers.filter(([pattern]) => pattern.test(text)).map(([, name]) => name);
  return `${path.basename(file)} [${found.join(", ") || "app code"}]`;
}

export function summarizeCpuProfile(file: string, repoRoot: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const labels = new Map<string, string>();
  const label = (url: string) => labels.get(url) ?? labels.set(url, chunkLabel(url, repoRoot)).get(url)!;
  const byChunk = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const bucket = url ? label(url) : functionName;
    byChunk.set(bucket, (byChunk.get(bucket) ?? 0) + us);
    const name = `${functionName || "(anonymous)"} ${url ? `${label(url).split(" ")[0]}:${lineNumber + 1}:${columnNumber + 1}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const lines = [`${file}: ${(total / 1000).toFixed(0)} ms sampled`, "by chunk (self time)"];
  const list = (entries: Map<string, number>) =>
    [...entries].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  lines.push(...list(byChunk), "functions by self time", ...list(byFunction));
  return lines.join("\n");
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
  if (positionals.length === 0) {
    console.error("usage: npx tsx bench/canvas/cpu-profile.ts <file.cpuprofile>… [--top 25]");
    process.exit(2);
  }
  for (const file of positionals) console.log(summarizeCpuProfile(file, path.resolve(import.meta.dirname, "../.."), Number(values.top)));
}
