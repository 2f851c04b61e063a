// Where a server's CPU went, from a V8 profile written by `npm run bench -- --cpu-prof DIR`:
//   npx tsx bench/profile-summary.ts DIR/CPU.<…>.cpuprofile [--top 25]
// Prints the share of sampled time by package (node_modules/<pkg>, Next's bundles, Node internals,
// garbage collection, idle) and the functions with the most self and total time.
import fs from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
if (positionals.length !== 1) {
  console.error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 25]");
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(positionals[0]!, "utf8")) as Profile;
const top = Number(values.top);

/** What a frame belongs to: an npm package, Next's server bundles, Node itself, or V8's pseudo-frames. */
function bucketOf({ functionName, url }: ProfileNode["callFrame"]): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/.next/server/")) return "Next server bundles (app, server/, engine/, bundled packages)";
  if (url.startsWith("wasm://")) return "WebAssembly";
  return url.replace(/^file:\/\//, "");
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
// timeDeltas[i] is the time before sample i; it is charged to the sample that ended it.
profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const totalUs = [...selfUs.values()].reduce((sum, value) => sum + value, 0);

const share = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)} %`;
const frameName = ({ functionName, url, lineNumber }: ProfileNode["callFrame"]) =>
  `${functionName || "(anonymous)"}  ${url ? `${url.replace(/^file:\/\/.*?\/(node_modules|\.next)\//, "$1/").slice(-70)}:${lineNumber + 1}` : ""}`;

function printTop(title: string, entries: Map<string, number>) {
  console.log(`\n${title}`);
  for (const [name, us] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${share(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}

const buckets = new Map<string, number>();
const selfByFrame = new Map<string, number>();
const totalByFrame = new Map<string, number>();
for (const node of profile.nodes) {
  const self = selfUs.get(node.id) ?? 0;
  const name = frameName(node.callFrame);
  buckets.set(bucketOf(node.callFrame), (buckets.get(bucketOf(node.callFrame)) ?? 0) + self);
  selfByFrame.set(name, (selfByFrame.get(name) ?? 0) + self);
}
// A sample's time counts toward every frame on its stack, once per frame even when it recurses.
function walk(id: number, stack: Set<string>) {
  const node = byId.get(id)!;
  const onStack = node.callFrame.functionName.startsWith("(") ? stack : new Set(stack).add(frameName(node.callFrame));
  const self = selfUs.get(id) ?? 0;
  if (self > 0) for (const name of onStack) totalByFrame.set(name, (totalByFrame.get(name) ?? 0) + self);
  for (const child of node.children ?? []) walk(child, onStack);
}
const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
for (const root of profile.nodes.filter((node) => !childIds.has(node.id))) walk(root.id, new Set());

console.log(`${positionals[0]}: ${(totalUs / 1000).toFixed(0)} ms sampled`);
printTop("by package (self time)", buckets);
printTop("functions by self time", selfByFrame);
printTop("functions by total time (self + callees)", totalByFrame);
