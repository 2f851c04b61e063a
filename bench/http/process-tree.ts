// CPU time and resident memory of a server's process tree, read from Linux /proc (no sampling
// profiler, nothing injected into the server): what the peer benchmark charges to the server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks: a reaped child's time moves into its parent's. */
  cpuTicks: number;
  rssPages: number;
}

function systemValue(name: string, fallback: number): number {
  try {
    return Number(execFileSync("getconf", [name], { encoding: "utf8" }).trim()) || fallback;
  } catch {
    return fallback;
  }
}

const ticksPerSecond = systemValue("CLK_TCK", 100);
const pageBytes = systemValue("PAGESIZE", 4096);

export const procAvailable = fs.existsSync("/proc/self/stat");

/** Fields of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null; // exited meanwhile
  }
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): field n is fields[n - 3].
  const number = (field: number) => Number(fields[field - 3]);
  return { pid, ppid: number(4), cpuTicks: number(14) + number(15) + number(16) + number(17), rssPages: number(24) };
}

/** Every live process under `roots` (roots included). */
export function processTree(roots: number[]): ProcStat[] {
  const all = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat) => stat !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree = all.filter((stat) => roots.includes(stat.pid));
  const seen = new Set(tree.map((stat) => stat.pid));
  for (let index = 0; index < tree.length; index++) {
    for (const child of children.get(tree[index]!.pid) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      tree.push(child);
    }
  }
  return tree;
}

/** CPU milliseconds one process has used so far (its reaped children included), or null once it is gone. */
export function processCpuMs(pid: number): number | null {
  const stat = readStat(pid);
  return stat && (stat.cpuTicks * 1000) / ticksPerSecond;
}

/** CPU milliseconds the tree has used so far (its reaped children included). */
export function treeCpuMs(roots: number[]): number {
  return (processTree(roots).reduce((sum, stat) => sum + stat.cpuTicks, 0) * 1000) / ticksPerSecond;
}

export function treeRssBytes(roots: number[]): number {
  return processTree(roots).reduce((sum, stat) => sum + stat.rssPages, 0) * pageBytes;
}

/**
 * Samples the tree's resident memory every `everyMs` (200 ms): `takePeak()` answers the highest
 * sample since the previous call, so each phase of a run gets its own peak.
 */
export function startRssSampler(roots: () => number[], everyMs = 200) {
  let peak = 0;
  let overall = 0;
  const sample = () => {
    const rss = treeRssBytes(roots());
    peak = Math.max(peak, rss);
    overall = Math.max(overall, rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    takePeak(): number {
      sample();
      const value = peak;
      peak = 0;
      return value;
    },
    stop(): number {
      clearInterval(timer);
      sample();
      return overall;
    },
  };
}
