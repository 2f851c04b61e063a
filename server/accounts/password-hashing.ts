import os from "node:os";
import { hashPassword, verifyPassword } from "better-auth/crypto";

/** Hashes at once per auth instance: at most half the cores, and at most half of libuv's 4 threads. */
export const concurrentHashes = Math.max(1, Math.min(2, Math.floor(os.availableParallelism() / 2)));

/**
 * better-auth's own scrypt (node:crypto, 32 MB and ~100 ms of CPU per hash, the same hash format)
 * for `emailAndPassword.password`, `limit` at a time. Hazard: scrypt runs on libuv's thread pool
 * (4 threads), which the rest of the server needs for files, compression and DNS. Ten sign-ups at
 * once took all four threads and held even `/api/health` for over 2 s; queued, they wait their
 * turn and the server keeps answering.
 */
export function queuedPasswordHashing(limit = concurrentHashes) {
  const inTurn = takingTurns(limit);
  return {
    hash: (password: string) => inTurn(() => hashPassword(password)),
    verify: (data: { hash: string; password: string }) => inTurn(() => verifyPassword(data)),
  };
}

/** Runs the work it is given at most `limit` at a time, the rest in arrival order. */
export function takingTurns(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve)); // a finishing one hands over its slot
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
