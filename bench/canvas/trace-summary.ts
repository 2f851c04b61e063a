// Where a Chrome performance trace's main-thread time went, by trace event (self time):
//   npx tsx bench/canvas/trace-summary.ts DIR/<phase>.json [--top 20]
// Written by `BENCH_CANVAS_TRACE=DIR npm run bench:canvas`. Reads the renderer's main thread only
// (CrRendererMain); "self" is an event's duration minus the events nested in it.
import fs from "node:fs";
import { parseArgs } from "node:util";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string } };
}

export function summarizeTrace(file: string, top = 20): string {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const mainThreads = new Set(events.filter((event) => event.ph === "M" && event.name === "thread_name" && event.args?.name === "CrRendererMain").map((event) => `${event.pid}:${event.tid}`));
  const complete = events.filter((event) => event.ph === "X" && event.dur !== undefined && mainThreads.has(`${event.pid}:${event.tid}`)).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  let busy = 0;
  let first = Infinity;
  let last = 0;
  for (const event of complete) {
    while (stack.length && stack.at(-1)!.end <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - event.dur!);
    else busy += event.dur!;
    const name = event.name === "FunctionCall" && event.args?.data?.functionName ? `FunctionCall ${event.args.data.functionName}` : event.name;
    self.set(name, (self.get(name) ?? 0) + event.dur!);
    stack.push({ end: event.ts + event.dur!, name });
    first = Math.min(first, event.ts);
    last = Math.max(last, event.ts + event.dur!);
  }
  const lines = [`${file}: main thread busy ${(busy / 1000).toFixed(0)} ms of ${((last - first) / 1000).toFixed(0)} ms traced`];
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return lines.join("\n");
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "20" } } });
  if (positionals.length === 0) {
    console.error("usage: npx tsx bench/canvas/trace-summary.ts <trace.json>… [--top 20]");
    process.exit(2);
  }
  for (const file of positionals) console.log(summarizeTrace(file, Number(values.top)));
}
