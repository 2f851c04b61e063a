import { Worker } from "node:worker_threads";
import type { Logger } from "../../../engine/runtime/logger";

/**
 * How often the background checkpointer copies the WAL back into the database file. Often: the WAL
 * file only starts over when a writer finds it wholly copied, which under steady load happens at
 * the committing connection's own inline checkpoint (`walAutocheckpointPages`, the backstop); that
 * one then copies only what arrived since the last pass. A pass that finds nothing new costs
 * nothing, and most of a busy pass is the thread waiting for its two fsyncs. Measured on W1 at 8
 * clients, `BEGIN`/`COMMIT` were 8.7 % of the main thread's busy time with a pass every 250 ms and
 * 11.1 % with one every second (10.9 % with checkpoints inline only).
 */
export const checkpointIntervalMs = 100;

// A worker thread with its own connection: a PASSIVE checkpoint never blocks the writer, and its
// page copies and fsyncs no longer stall the event loop inside a commit. Plain JavaScript, evaluated:
// no file to bundle. `better-sqlite3` resolves from the working directory, as the server's own does.
const checkpointerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.filename, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
let failed = false;
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    failed = false;
  } catch (error) {
    if (!failed) parentPort.postMessage({ error: String((error && error.message) || error) });
    failed = true;
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection; resolves once the thread has ended. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL of `filename` from a worker thread every `intervalMs`, so the committing
 * connection rarely reaches its own (inline) checkpoint threshold. A checkpointer that cannot start
 * or fails is logged; the inline checkpoints go on as before, so the WAL stays bounded either way.
 */
export function startCheckpointer(filename: string, logger: Pick<Logger, "error">, intervalMs = checkpointIntervalMs): Checkpointer {
  // The thread only calls into SQLite: a small heap keeps what it adds to the server's memory small.
  const worker = new Worker(checkpointerSource, {
    eval: true,
    workerData: { filename, intervalMs },
    resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
  });
  worker.unref();
  let ended = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => ((ended = true), resolve())));
  worker.on("message", (message: { error?: string }) => {
    if (message.error) logger.error(`the background WAL checkpoint failed (commits go on checkpointing inline): ${message.error}`);
  });
  worker.on("error", (error) => logger.error("the background WAL checkpointer stopped (commits go on checkpointing inline)", error));
  return {
    async stop() {
      if (ended) return;
      worker.postMessage("stop");
      // A thread that does not end on its own (stuck in a checkpoint's fsync) is terminated after a while.
      const timeout = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
