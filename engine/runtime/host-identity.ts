import fs from "node:fs";
import os from "node:os";

let identity: string | undefined;

/**
 * This machine as an engine lease records it: the host name, and on Linux the process-id namespace
 * (containers on one host may share a name, never a pid namespace). Two leases with the same
 * identity are on one machine, where `processAlive` can tell whether the other's process still runs.
 */
export function hostIdentity(): string {
  if (identity === undefined) {
    let namespace = "";
    try {
      namespace = ` ${fs.readlinkSync("/proc/self/ns/pid")}`;
    } catch {
      // not Linux: the host name alone
    }
    identity = `${os.hostname()}${namespace}`;
  }
  return identity;
}

/** Whether a process of this machine (see `hostIdentity`) runs; a recycled pid reads as alive, which only delays a takeover. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}
