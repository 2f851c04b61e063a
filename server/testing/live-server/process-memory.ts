import fs from "node:fs";

/** Resident memory of a process and every process under it, read from Linux `/proc/<pid>/status` (VmRSS). */
export function treeRssBytes(rootPid: number): number {
  return processTree(rootPid).reduce((sum, pid) => sum + rssBytes(pid), 0);
}

export interface RssGrowth {
  /** The tree's resident memory just before the attack. */
  beforeBytes: number;
  /** The highest sample while it ran (and once after). */
  peakBytes: number;
  /** `peakBytes - beforeBytes`: what the attack cost the server at most. */
  growthBytes: number;
}

/**
 * Samples the resident memory of `rootPid`'s process tree every `everyMs` while `attack` runs:
 * what "the server's memory grew far less than the body" is checked against. The tree is looked
 * up again every `treeEveryMs` (children come and go); a sample reads only its processes' status.
 */
export async function measureRssDuring<T>(rootPid: number, attack: Promise<T>, { everyMs = 20, treeEveryMs = 250 } = {}): Promise<{ result: T; rss: RssGrowth }> {
  let tree = processTree(rootPid);
  let treeReadAt = performance.now();
  const sampleNow = () => {
    if (performance.now() - treeReadAt > treeEveryMs) [tree, treeReadAt] = [processTree(rootPid), performance.now()];
    return tree.reduce((sum, pid) => sum + rssBytes(pid), 0);
  };
  const beforeBytes = sampleNow();
  let peakBytes = beforeBytes;
  const sample = () => (peakBytes = Math.max(peakBytes, sampleNow()));
  const timer = setInterval(sample, everyMs);
  try {
    const result = await attack;
    sample();
    return { result, rss: { beforeBytes, peakBytes, growthBytes: peakBytes - beforeBytes } };
  } finally {
    clearInterval(timer);
  }
}

/** `rootPid` and its descendants, found by the parent pid of every process in /proc. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const parent = parentPid(Number(name));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]!) ?? []));
  return tree;
}

function parentPid(pid: number): number | null {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: the fields after its last ")" are state, ppid, …
  return stat === null ? null : Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

function rssBytes(pid: number): number {
  const kilobytes = readProc(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  return kilobytes ? Number(kilobytes) * 1024 : 0;
}

/** The file's text, or null when the process exited meanwhile. */
function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
